import Model
import Determinism

extension Store {
    /// The service CIDR, 10.96.0.0/12, as kubeadm and kind configure it.
    static let serviceRangeStart: UInt32 = (10 << 24) | (96 << 16)
    static let serviceRangeSize: UInt32 = 1 << 20

    /// Gives a new Service its cluster IP as the API server's allocator does: the address asked for, if
    /// free, else a random free one from the range (drawn from the seeded generator at `seq`). Headless
    /// (`None`) and ExternalName services get none.
    func allocateClusterIP(_ service: inout JSONValue, seq: Int64) throws {
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        guard type != "ExternalName" else { return }
        let requested = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
        if requested == "None" {
            service[path: ["spec", "clusterIPs"]] = ["None"]
            return
        }
        var used = Set<String>()
        for existing in try list(.service) {
            if let ip = existing[path: ["spec", "clusterIP"]]?.stringValue { used.insert(ip) }
        }
        if !requested.isEmpty {
            if used.contains(requested) {
                throw APIError.invalid(.service, service.name, [FieldError.invalid("spec.clusterIPs", [.string(requested)],
                    "failed to allocate IP \(requested): provided IP is already allocated")])
            }
            service[path: ["spec", "clusterIPs"]] = [.string(requested)]
            return
        }
        var random = generator(at: seq, stream: 3)
        for _ in 0..<64 {
            // Skip the network address, .0.1 (the kubernetes service) and the broadcast address.
            let offset = UInt32(2 + random.next() % UInt64(Store.serviceRangeSize - 3))
            let ip = Store.format(Store.serviceRangeStart + offset)
            if !used.contains(ip) {
                service[path: ["spec", "clusterIP"]] = .string(ip)
                service[path: ["spec", "clusterIPs"]] = [.string(ip)]
                return
            }
        }
        throw APIError(reason: .internalError, message: "failed to allocate a serviceIP: range is full")
    }

    static func format(_ address: UInt32) -> String {
        "\(address >> 24).\((address >> 16) & 0xFF).\((address >> 8) & 0xFF).\(address & 0xFF)"
    }
}
