/// IP address syntax checks for Services and Endpoints.
enum IPAddress {
    static let invalidMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"

    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
                && !(part.count > 1 && part.hasPrefix("0"))
        }
    }

    static func isIPv6(_ s: String) -> Bool {
        guard s.contains(":"), s.utf8.count <= 45 else { return false }
        let doubleColons = s.ranges(of: "::").count
        guard doubleColons <= 1 else { return false }
        var groups = s.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
        var limit = 8
        if let last = groups.last, last.contains(".") {
            guard isIPv4(last) else { return false }
            groups.removeLast()
            limit = 6
        }
        let hexOK = groups.allSatisfy { g in g.count <= 4 && g.allSatisfy { $0.isHexDigit } }
        if doubleColons == 1 { return hexOK && groups.count < limit }
        return hexOK && groups.count == limit && !s.hasPrefix(":") && !s.hasSuffix(":")
    }

    static func isValid(_ s: String) -> Bool { isIPv4(s) || isIPv6(s) }
}
