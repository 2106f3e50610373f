import Model

extension DescribeWriter {
    /// `describeService`; endpoints come from the Service's EndpointSlices (ready endpoints only).
    mutating func service(_ service: JSONValue, endpointSlices: [JSONValue]) {
        write(0, "Name:\t\(service.name)\n")
        write(0, "Namespace:\t\(service.namespace)\n")
        labels("Labels", service.labels)
        annotations("Annotations", service.annotations)
        write(0, "Selector:\t\(LabelText.format(service.stringMap("spec", "selector")))\n")
        write(0, "Type:\t\(service.str("spec", "type"))\n")
        if let policy = service.optionalStr("spec", "ipFamilyPolicy") { write(0, "IP Family Policy:\t\(policy)\n") }
        let families = service.list("spec", "ipFamilies").map(\.plainText)
        write(0, "IP Families:\t\(families.isEmpty ? "<none>" : families.joined(separator: ","))\n")
        write(0, "IP:\t\(service.str("spec", "clusterIP"))\n")
        let clusterIPs = service.list("spec", "clusterIPs").map(\.plainText)
        if !clusterIPs.isEmpty { write(0, "IPs:\t\(clusterIPs.joined(separator: ","))\n") }
        let externalIPs = service.list("spec", "externalIPs").map(\.plainText)
        if !externalIPs.isEmpty { write(0, "External IPs:\t\(externalIPs.joined(separator: ","))\n") }
        if !service.str("spec", "loadBalancerIP").isEmpty { write(0, "IP:\t\(service.str("spec", "loadBalancerIP"))\n") }
        if !service.str("spec", "externalName").isEmpty { write(0, "External Name:\t\(service.str("spec", "externalName"))\n") }
        let ingress = ServiceText.loadBalancerIngress(service, wide: true)
        if !ingress.isEmpty { write(0, "LoadBalancer Ingress:\t\(ingress)\n") }
        for port in service.list("spec", "ports") {
            let name = port.str("name").isEmpty ? "<unset>" : port.str("name")
            let proto = port.optionalStr("protocol") ?? "TCP"
            write(0, "Port:\t\(name)\t\(port.num("port"))/\(proto)\n")
            let target = port.at("targetPort")?.intOrStringText ?? String(port.num("port"))
            write(0, "TargetPort:\t\(target)/\(proto)\n")
            if port.num("nodePort") != 0 { write(0, "NodePort:\t\(name)\t\(port.num("nodePort"))/\(proto)\n") }
            write(0, "Endpoints:\t\(DescribeText.sliceEndpoints(endpointSlices, portName: port.str("name")))\n")
        }
        write(0, "Session Affinity:\t\(service.str("spec", "sessionAffinity"))\n")
        if !service.str("spec", "externalTrafficPolicy").isEmpty {
            write(0, "External Traffic Policy:\t\(service.str("spec", "externalTrafficPolicy"))\n")
        }
        if let policy = service.optionalStr("spec", "internalTrafficPolicy") { write(0, "Internal Traffic Policy:\t\(policy)\n") }
        if service.num("spec", "healthCheckNodePort") != 0 {
            write(0, "HealthCheck NodePort:\t\(service.num("spec", "healthCheckNodePort"))\n")
        }
    }
}

extension DescribeText {
    /// `formatEndpointSlices` for one port name: ready `ip:port` pairs, three at most, then `+ N more...`.
    static func sliceEndpoints(_ slices: [JSONValue], portName: String) -> String {
        guard !slices.isEmpty else { return "<none>" }
        var items: [String] = []
        var total = 0
        for slice in slices {
            let ready = slice.list("endpoints").filter { $0.at("conditions", "ready")?.boolValue ?? true }
            let addresses = ready.flatMap { $0.list("addresses").compactMap(\.stringValue) }
            let ports = slice.list("ports")
            if ports.isEmpty {
                total += addresses.count
                items += addresses
                continue
            }
            for port in ports where port.str("name") == portName {
                total += addresses.count
                items += addresses.map { TableLayout.hostPort($0, port.num("port")) }
            }
        }
        return Cells.limited(items, total: total, emptyText: "")
    }
}
