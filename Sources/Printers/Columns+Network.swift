import Model
import Determinism

extension TableLayout {
    /// NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide SELECTOR.
    static let serviceLayout = TableLayout(
        columns: [.name, .plain("TYPE"), .plain("CLUSTER-IP"), .plain("EXTERNAL-IP"), .plain("PORT(S)"), .age,
                  .wide("SELECTOR")]
    ) { object, now in
        let clusterIPs = object.list("spec", "clusterIPs").compactMap(\.stringValue)
        let clusterIP = clusterIPs.first ?? (object.optionalStr("spec", "clusterIP") ?? "<none>")
        let ports = servicePorts(object.list("spec", "ports"))
        return [object.name, object.str("spec", "type"), clusterIP.isEmpty ? "<none>" : clusterIP,
                ServiceText.externalIP(object, wide: false), ports.isEmpty ? "<none>" : ports, Cells.age(object, now),
                LabelText.format(object.stringMap("spec", "selector"))]
    }

    /// `makePortString`: `80/TCP`, `80:30080/TCP`, comma-separated.
    static func servicePorts(_ ports: [JSONValue]) -> String {
        ports.map { port in
            let proto = port.optionalStr("protocol") ?? "TCP"
            let nodePort = port.num("nodePort")
            return nodePort > 0 ? "\(port.num("port")):\(nodePort)/\(proto)" : "\(port.num("port"))/\(proto)"
        }.joined(separator: ",")
    }

    /// NAME ENDPOINTS AGE; endpoints as `10.0.0.1:80,... + N more...`.
    static let endpointsLayout = TableLayout(columns: [.name, .plain("ENDPOINTS"), .age]) { object, now in
        [object.name, endpointsText(object), Cells.age(object, now)]
    }

    /// `formatEndpoints` with every port.
    static func endpointsText(_ object: JSONValue) -> String {
        let subsets = object.list("subsets")
        guard !subsets.isEmpty else { return "<none>" }
        var items: [String] = []
        var total = 0
        for subset in subsets {
            let addresses = subset.list("addresses").map { $0.str("ip") }
            let ports = subset.list("ports")
            if ports.isEmpty {
                total += addresses.count
                items += addresses
                continue
            }
            for port in ports {
                total += addresses.count
                items += addresses.map { hostPort($0, port.num("port")) }
            }
        }
        return Cells.limited(items, total: total, emptyText: "")
    }

    /// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
    static func hostPort(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// NAME ADDRESSTYPE PORTS ENDPOINTS AGE.
    static let endpointSliceLayout = TableLayout(
        columns: [.name, .plain("ADDRESSTYPE"), .plain("PORTS"), .plain("ENDPOINTS"), .age]
    ) { object, now in
        let ports = object.list("ports").map { port -> String in
            if let number = port.at("port")?.intValue { return String(number) }
            if let name = port.optionalStr("name") { return name }
            return "*"
        }
        let addresses = object.list("endpoints").flatMap { $0.list("addresses").compactMap(\.stringValue) }
        return [object.name, object.str("addressType"), Cells.limited(ports, total: ports.count, emptyText: "<unset>"),
                Cells.limited(addresses, total: addresses.count, emptyText: "<unset>"), Cells.age(object, now)]
    }
}

/// Service texts shared by the table and `describe`.
enum ServiceText {
    /// `getServiceExternalIP`.
    static func externalIP(_ service: JSONValue, wide: Bool) -> String {
        let externalIPs = service.list("spec", "externalIPs").compactMap(\.stringValue)
        switch service.str("spec", "type") {
        case "ClusterIP", "NodePort", "":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            let balancer = loadBalancerIngress(service, wide: wide)
            if !externalIPs.isEmpty {
                let parts = (balancer.isEmpty ? [] : balancer.split(separator: ",").map(String.init)) + externalIPs
                return parts.joined(separator: ",")
            }
            return balancer.isEmpty ? "<pending>" : balancer
        case "ExternalName":
            return service.str("spec", "externalName")
        default:
            return "<unknown>"
        }
    }

    /// `loadBalancerStatusStringer`: ingress IPs or hostnames; cut to 13 characters + `...` when not wide.
    static func loadBalancerIngress(_ service: JSONValue, wide: Bool) -> String {
        let entries = service.list("status", "loadBalancer", "ingress").compactMap { ingress -> String? in
            if let ip = ingress.optionalStr("ip"), !ip.isEmpty { return ip }
            if let host = ingress.optionalStr("hostname"), !host.isEmpty { return host }
            return nil
        }
        let text = entries.joined(separator: ",")
        if !wide, text.count > 16 { return String(text.prefix(13)) + "..." }
        return text
    }
}
