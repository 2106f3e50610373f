import Model

extension DescribeWriter {
    /// `describeReplicaSet`; `pods` are the pods this ReplicaSet controls.
    mutating func replicaSet(_ rs: JSONValue, pods: [JSONValue]) {
        write(0, "Name:\t\(rs.name)\n")
        write(0, "Namespace:\t\(rs.namespace)\n")
        write(0, "Selector:\t\(LabelText.formatSelector(rs.at("spec", "selector")))\n")
        labels("Labels", rs.labels)
        annotations("Annotations", rs.annotations)
        if let controller = DescribeText.controlledBy(rs) { write(0, "Controlled By:\t\(controller)\n") }
        write(0, "Replicas:\t\(rs.num("status", "replicas")) current / \(rs.num("spec", "replicas")) desired\n")
        write(0, "Pods Status:\t\(DescribeText.podsStatus(pods))\n")
        podTemplate(rs.at("spec", "template"))
        conditionsWithReason(rs.list("status", "conditions"))
    }

    /// The StatefulSet describer.
    mutating func statefulSet(_ sts: JSONValue, pods: [JSONValue]) {
        write(0, "Name:\t\(sts.name)\n")
        write(0, "Namespace:\t\(sts.namespace)\n")
        write(0, "CreationTimestamp:\t\(TimeText.rfc1123Z(sts.creationTimestamp))\n")
        write(0, "Selector:\t\(LabelText.selector(sts.at("spec", "selector")))\n")
        labels("Labels", sts.labels)
        annotations("Annotations", sts.annotations)
        write(0, "Replicas:\t\(sts.num("spec", "replicas")) desired | \(sts.num("status", "replicas")) total\n")
        write(0, "Update Strategy:\t\(sts.str("spec", "updateStrategy", "type"))\n")
        if let rolling = sts.at("spec", "updateStrategy", "rollingUpdate"), let partition = rolling["partition"]?.intValue {
            write(1, "Partition:\t\(partition)\n")
            if let maxUnavailable = rolling["maxUnavailable"], !maxUnavailable.isNull {
                write(1, "MaxUnavailable:\t\(maxUnavailable.intOrStringText)\n")
            }
        }
        write(0, "Pods Status:\t\(DescribeText.podsStatus(pods))\n")
        podTemplate(sts.at("spec", "template"))
        let claims = sts.list("spec", "volumeClaimTemplates")
        guard !claims.isEmpty else { write(0, "Volume Claims:\t<none>\n"); return }
        write(0, "Volume Claims:\n")
        for claim in claims {
            write(1, "Name:\t\(claim.name)\n")
            let storageClass = claim.annotations["volume.beta.kubernetes.io/storage-class"] ?? claim.str("spec", "storageClassName")
            write(1, "StorageClass:\t\(storageClass)\n")
            labels("Labels", claim.labels, initialIndent: "  ")
            labels("Annotations", claim.annotations, initialIndent: "  ")
            let capacity = claim.at("spec", "resources", "requests", "storage")?.plainText ?? "<default>"
            write(1, "Capacity:\t\(capacity)\n")
            write(1, "Access Modes:\t[\(claim.list("spec", "accessModes").map(\.plainText).joined(separator: " "))]\n")
        }
    }
}
