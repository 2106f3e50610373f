import Model

extension DescribeWriter {
    /// `describeConfigMap`: each data key under a `----` rule, binary data as byte counts.
    mutating func configMap(_ map: JSONValue) {
        write(0, "Name:\t\(map.name)\n")
        write(0, "Namespace:\t\(map.namespace)\n")
        labels("Labels", map.labels)
        annotations("Annotations", map.annotations)
        write(0, "\nData\n====\n")
        let data = map.stringMap("data")
        for key in data.keys.sorted() { write(0, "\(key):\n----\n\(data[key]!)\n") }
        write(0, "\nBinaryData\n====\n")
        let binary = map.stringMap("binaryData")
        for key in binary.keys.sorted() { write(0, "\(key): \(DescribeText.decodedLength(binary[key]!)) bytes\n") }
        write(0, "\n")
    }

    /// `describeSecret`: values hidden as byte counts (a service-account token is shown). Upstream
    /// prints no events for Secrets.
    mutating func secret(_ secret: JSONValue) {
        write(0, "Name:\t\(secret.name)\n")
        write(0, "Namespace:\t\(secret.namespace)\n")
        labels("Labels", secret.labels)
        annotations("Annotations", secret.annotations)
        write(0, "\nType:\t\(secret.str("type"))\n")
        write(0, "\nData\n====\n")
        let data = secret.stringMap("data")
        for key in data.keys.sorted() {
            write(0, "\(key):\t\(DescribeText.decodedLength(data[key]!)) bytes\n")
        }
    }
}

extension DescribeText {
    /// The number of bytes a base64 string decodes to.
    static func decodedLength(_ base64: String) -> Int {
        let characters = base64.filter { !$0.isWhitespace }
        let padding = characters.reversed().prefix { $0 == "=" }.count
        return characters.count / 4 * 3 - padding + (characters.count % 4 == 0 ? 0 : max(0, characters.count % 4 - 1))
    }
}
