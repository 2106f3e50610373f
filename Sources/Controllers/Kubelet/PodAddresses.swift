import Model

/// Pod and host addresses: the node's InternalIP, and pod IPs from the node's `spec.podCIDR`.
enum PodAddresses {
    /// The node's `InternalIP` address.
    static func hostIP(of node: JSONValue) -> String? {
        (node[path: ["status", "addresses"]]?.arrayValue ?? [])
            .first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }

    /// The lowest free address of an IPv4 CIDR, skipping the network address and the first host (the
    /// node's bridge gateway, as host-local IPAM does) and the broadcast address.
    static func allocate(in cidr: String, used: Set<String>) -> String? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (8...30).contains(prefix), let base = parse(String(parts[0])) else {
            return nil
        }
        let size = UInt32(1) << UInt32(32 - prefix)
        let network = base & ~(size - 1)
        for offset in 2..<(size - 1) {
            let candidate = format(network + offset)
            if !used.contains(candidate) { return candidate }
        }
        return nil
    }

    static func parse(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        return octets.reduce(0) { $0 << 8 | $1 }
    }

    static func format(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }
}
