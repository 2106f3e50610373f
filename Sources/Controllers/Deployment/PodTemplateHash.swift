import Model

/// The `pod-template-hash` of a pod template and the template equality that finds a Deployment's new
/// ReplicaSet (`controller_utils.go` `ComputeHash`, `deployment_util.go` `EqualIgnoreHash`).
public enum PodTemplateHash {
    /// The label every Deployment-made ReplicaSet and pod carries.
    public static let label = "pod-template-hash"

    /// The alphabet apimachinery's `SafeEncodeString` maps characters into.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// FNV-1a (32 bit) over the canonical JSON of the template (hash label removed, empty values dropped),
    /// then, when `collisionCount` is set, over its little-endian bytes and four zero bytes; printed in
    /// decimal and encoded digit by digit into the safe alphabet (`0→4 … 9→f`).
    public static func compute(template: JSONValue, collisionCount: Int?) -> String {
        var hash: UInt32 = 0x811c_9dc5
        func feed(_ byte: UInt8) { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        for byte in PodTemplateEquality.comparable(template).canonicalString().utf8 { feed(byte) }
        if let count = collisionCount {
            let value = UInt32(truncatingIfNeeded: count)
            for shift in stride(from: 0, to: 32, by: 8) { feed(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
            for _ in 0..<4 { feed(0) }
        }
        return encode(String(hash))
    }

    /// `SafeEncodeString`: each character replaced by `alphabet[ord(c) % 27]`.
    static func encode(_ text: String) -> String {
        String(decoding: text.utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// Whether two pod templates are equal once the hash label is removed from both, treating missing,
    /// null and empty maps/lists as equal.
    public static func equalIgnoringHash(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        PodTemplateEquality.equalIgnoringHash(a, b)
    }
}
