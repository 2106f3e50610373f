/// Label key and value syntax checks, worded as apimachinery's `validation` package.
public enum LabelSyntax {
    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let qualifiedNameRegex = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    static let dns1123SubdomainRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"

    /// `validation.RegexError`: the message, examples and the regular expression.
    /// (Each example ends in `', '` and the next is joined with `" or "`, so upstream's text has two spaces
    /// before each `or`.)
    public static func regexError(_ message: String, _ regex: String, _ examples: [String]) -> String {
        guard !examples.isEmpty else { return "\(message) (regex used for validation is '\(regex)')" }
        let shown = examples.map { "'\($0)', " }.joined(separator: " or ")
        return "\(message) (e.g. \(shown)regex used for validation is '\(regex)')"
    }

    /// Problems with a label key (`IsQualifiedName`): `[prefix/]name`; empty when valid.
    public static func qualifiedNameErrors(_ value: String) -> [String] {
        if isQualifiedName(value) { return [] }
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name: String
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += dns1123SubdomainErrors(prefix).map { "prefix part \($0)" }
            }
        default:
            return ["a qualified name " + regexError(qualifiedNameMessage, qualifiedNameRegex, ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            errors.append("name part must be no more than 63 characters")
        }
        if !isQualifiedNamePart(name) {
            errors.append("name part " + regexError(qualifiedNameMessage, qualifiedNameRegex, ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    /// Problems with a label value (`IsValidLabelValue`); empty when valid.
    public static func labelValueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if !value.isEmpty && !isQualifiedNamePart(value) {
            errors.append(regexError(labelValueMessage, "(\(qualifiedNameRegex))?", ["MyValue", "my_value", "12345"]))
        }
        return errors
    }

    /// Problems with a DNS-1123 subdomain (`IsDNS1123Subdomain`); empty when valid.
    public static func dns1123SubdomainErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 253 { errors.append("must be no more than 253 characters") }
        if !matchesDNS1123Subdomain(value.utf8[...]) {
            errors.append(regexError(dns1123SubdomainMessage, dns1123SubdomainRegex, ["example.com"]))
        }
        return errors
    }

    /// Whether every `.`-separated part (empty ones included) is a DNS-1123 label:
    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`; one pass, no allocation.
    public static func matchesDNS1123Subdomain(_ bytes: Substring.UTF8View) -> Bool {
        var atLabelStart = true, previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !atLabelStart, isLowerAlnum(previous) else { return false }
                atLabelStart = true
                continue
            }
            if atLabelStart {
                guard isLowerAlnum(byte) else { return false }
                atLabelStart = false
            } else if !(isLowerAlnum(byte) || byte == UInt8(ascii: "-")) {
                return false
            }
            previous = byte
        }
        return !atLabelStart && isLowerAlnum(previous)
    }

    /// Whether `qualifiedNameErrors(value)` is empty, checked in one pass without allocating:
    /// an optional DNS-1123 subdomain prefix (at most 253 bytes) and `/`, then a name part of 1 to 63 bytes.
    static func isQualifiedName(_ value: String) -> Bool {
        let bytes = value.utf8[...]
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
            return bytes.count <= 63 && isQualifiedNamePart(bytes)
        }
        let prefix = bytes[..<slash], name = bytes[bytes.index(after: slash)...]
        return prefix.count <= 253 && matchesDNS1123Subdomain(prefix)
            && name.count <= 63 && isQualifiedNamePart(name)
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, anchored.
    static func isQualifiedNamePart(_ value: String) -> Bool { isQualifiedNamePart(value.utf8[...]) }

    /// `isQualifiedNamePart` over bytes (a slash in them fails it).
    static func isQualifiedNamePart(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
