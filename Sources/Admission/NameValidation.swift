import Model

/// The name syntaxes Kubernetes uses (`k8s.io/apimachinery/pkg/util/validation`), with upstream's messages.
public enum NameRules {
    static let dns1123LabelMaxLength = 63
    static let dns1123SubdomainMaxLength = 253

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"

    /// Upstream's `RegexError`: the message, examples and the regex.
    static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
        LabelSyntax.regexError(message, format, examples)
    }

    static func maxLengthError(_ n: Int) -> String { "must be no more than \(n) characters" }

    private static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
    private static func isAlnum(_ c: UInt8) -> Bool { isLowerAlnum(c) || (c >= 65 && c <= 90) }

    /// Matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
    static func matchesLabel(_ s: Substring.UTF8View) -> Bool {
        guard let first = s.first, let last = s.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        return s.allSatisfy { isLowerAlnum($0) || $0 == 45 }
    }

    /// Errors for a DNS-1123 label (`my-name`): lower case alphanumerics and `-`, at most 63 characters.
    public static func dns1123LabelErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { errors.append(maxLengthError(dns1123LabelMaxLength)) }
        if !matchesLabel(Substring(value).utf8) {
            if LabelSyntax.matchesDNS1123Subdomain(value.utf8[...]) {
                errors.append("must not contain dots")
            } else {
                errors.append(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                                         dns1123LabelFormat, "my-name", "123-abc"))
            }
        }
        return errors
    }

    /// Errors for a DNS-1123 subdomain (`example.com`): at most 253 characters.
    public static func dns1123SubdomainErrors(_ value: String) -> [String] { LabelSyntax.dns1123SubdomainErrors(value) }

    /// Errors for a DNS-1035 label (`my-name`, starting with a letter), used for Service names.
    public static func dns1035LabelErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { errors.append(maxLengthError(dns1123LabelMaxLength)) }
        let bytes = Array(value.utf8)
        let valid = matchesLabel(Substring(value).utf8) && bytes.first.map { $0 >= 97 && $0 <= 122 } == true
        if !valid {
            errors.append(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                                     dns1035LabelFormat, "my-name", "abc-123"))
        }
        return errors
    }


    /// Errors for a qualified name such as a label key: `[prefix/]name`.
    public static func qualifiedNameErrors(_ value: String) -> [String] { LabelSyntax.qualifiedNameErrors(value) }

    /// Errors for a label value: empty, or a qualified-name part of at most 63 characters.
    public static func labelValueErrors(_ value: String) -> [String] { LabelSyntax.labelValueErrors(value) }

    /// Errors for a key of ConfigMap/Secret data: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.`/`..`.
    public static func configMapKeyErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength { errors.append(maxLengthError(dns1123SubdomainMaxLength)) }
        let valid = !value.isEmpty && value.utf8.allSatisfy { isAlnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
        if !valid {
            errors.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                                     "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"))
        }
        if value == "." { errors.append("must not be '.'") }
        if value == ".." { errors.append("must not be '..'") }
        if value.hasPrefix("..") && value != ".." { errors.append("must not start with '..'") }
        return errors
    }

    /// Errors for a port name (IANA service name): at most 15 lower-case alphanumerics and hyphens.
    public static func portNameErrors(_ value: String) -> [String] {
        var errors: [String] = []
        let bytes = Array(value.utf8)
        if bytes.count > 15 { errors.append(maxLengthError(15)) }
        if bytes.isEmpty || !bytes.allSatisfy({ isLowerAlnum($0) || $0 == 45 }) {
            errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !bytes.contains(where: { $0 >= 97 && $0 <= 122 }) { errors.append("must contain at least one letter (a-z)") }
        if value.contains("--") { errors.append("must not contain consecutive hyphens") }
        if bytes.first == 45 || bytes.last == 45 { errors.append("must not begin or end with a hyphen") }
        return errors
    }
}
