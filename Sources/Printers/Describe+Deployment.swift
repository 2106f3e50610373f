import Model

extension DescribeWriter {
    /// `describeDeployment`.
    mutating func deployment(_ d: JSONValue, replicaSets: [JSONValue]) {
        write(0, "Name:\t\(d.name)\n")
        write(0, "Namespace:\t\(d.namespace)\n")
        write(0, "CreationTimestamp:\t\(TimeText.rfc1123Z(d.creationTimestamp))\n")
        labels("Labels", d.labels)
        annotations("Annotations", d.annotations)
        write(0, "Selector:\t\(LabelText.selector(d.at("spec", "selector")))\n")
        write(0, "Replicas:\t\(d.num("spec", "replicas")) desired | \(d.num("status", "updatedReplicas")) updated | "
            + "\(d.num("status", "replicas")) total | \(d.num("status", "availableReplicas")) available | "
            + "\(d.num("status", "unavailableReplicas")) unavailable\n")
        write(0, "StrategyType:\t\(d.str("spec", "strategy", "type"))\n")
        write(0, "MinReadySeconds:\t\(d.num("spec", "minReadySeconds"))\n")
        if let rolling = d.at("spec", "strategy", "rollingUpdate"), rolling.objectValue != nil {
            let unavailable = rolling["maxUnavailable"]?.intOrStringText ?? "<nil>"
            let surge = rolling["maxSurge"]?.intOrStringText ?? "<nil>"
            write(0, "RollingUpdateStrategy:\t\(unavailable) max unavailable, \(surge) max surge\n")
        }
        podTemplate(d.at("spec", "template"))
        conditionsWithReason(d.list("status", "conditions"))
        let newRS = DescribeText.newReplicaSet(of: d, among: replicaSets)
        let old = replicaSets.filter { $0.uid != newRS?.uid && $0.num("spec", "replicas") != 0 }
            .sorted { $0.name < $1.name }
        write(0, "OldReplicaSets:\t\(DescribeText.replicaSetList(old))\n")
        write(0, "NewReplicaSet:\t\(DescribeText.replicaSetList(newRS.map { [$0] } ?? []))\n")
    }

    /// The `Type Status Reason` conditions table of Deployments and ReplicaSets (note the space after Type).
    mutating func conditionsWithReason(_ conditions: [JSONValue]) {
        guard !conditions.isEmpty else { return }
        write(0, "Conditions:\n  Type\tStatus\tReason\n")
        write(1, "----\t------\t------\n")
        for condition in conditions {
            write(1, "\(condition.str("type")) \t\(condition.str("status"))\t\(condition.str("reason"))\n")
        }
    }
}

extension DescribeText {
    /// `deploymentutil.FindNewReplicaSet`: the oldest ReplicaSet whose pod template equals the
    /// Deployment's, ignoring the `pod-template-hash` label.
    static func newReplicaSet(of deployment: JSONValue, among replicaSets: [JSONValue]) -> JSONValue? {
        let wanted = PodTemplateEquality.comparable(deployment.at("spec", "template"))
        return replicaSets.sorted {
            let a = $0.creationTimestamp ?? "", b = $1.creationTimestamp ?? ""
            return a != b ? a < b : $0.name < $1.name
        }.first { PodTemplateEquality.comparable($0.at("spec", "template")) == wanted }
    }

    /// `printReplicaSetsByLabels`: `web-abc (3/3 replicas created)`, comma-separated, or `<none>`.
    static func replicaSetList(_ replicaSets: [JSONValue]) -> String {
        let text = replicaSets.map { "\($0.name) (\($0.num("status", "replicas"))/\($0.num("spec", "replicas")) replicas created)" }
            .joined(separator: ", ")
        return text.isEmpty ? "<none>" : text
    }
}
