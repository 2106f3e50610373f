import Model

/// ConfigMap, Secret and ServiceAccount validation.
enum ConfigValidation {
    static let maxDataSize = 1024 * 1024
    static let immutableMessage = "field is immutable when `immutable` is set"

    /// Keys of `data`/`binaryData` are config keys, not shared between the two, and total at most 1 MiB.
    static func validateDataKeys(_ object: JSONValue, fields: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        var size = 0
        var seen = Set<String>()
        for field in fields {
            let map = object[field].object
            for key in map.keys.sorted() {
                let path = FieldPath(field).key(key)
                for message in NameRules.configMapKeyErrors(key) { errors.append(.invalid(path, .string(key), message)) }
                if seen.contains(key) {
                    errors.append(.invalid(path, .string(key), "duplicate of key present in \(fields[0])"))
                }
                seen.insert(key)
                size += map[key]?.stringValue?.utf8.count ?? 0
            }
        }
        if size > maxDataSize { errors.append(.tooLong(FieldPath(fields[0]), maxDataSize)) }
        return errors
    }

    static func validateConfigMap(_ object: JSONValue) -> [FieldError] {
        ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
            + validateDataKeys(object, fields: ["data", "binaryData"])
    }

    /// An immutable ConfigMap or Secret keeps its data and stays immutable.
    static func validateImmutableData(_ new: JSONValue, old: JSONValue, fields: [String]) -> [FieldError] {
        guard old["immutable"]?.boolValue == true else { return [] }
        var errors: [FieldError] = []
        if new["immutable"]?.boolValue != true { errors.append(.forbidden(FieldPath("immutable"), immutableMessage)) }
        for field in fields where (new[field]?.objectValue ?? [:]) != (old[field]?.objectValue ?? [:]) {
            errors.append(.forbidden(FieldPath(field), immutableMessage))
        }
        return errors
    }

    static func validateConfigMapUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
            + validateImmutableData(new, old: old, fields: ["data", "binaryData"])
            + validateDataKeys(new, fields: ["data", "binaryData"])
    }

    /// Keys, and the entries each built-in secret type requires.
    static func validateSecret(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        errors += validateDataKeys(object, fields: ["data"])
        let data = object["data"].object
        func requireKey(_ key: String) {
            if (data[key]?.stringValue ?? "").isEmpty { errors.append(.required(FieldPath("data").key(key))) }
        }
        switch object["type"].string ?? "" {
        case "kubernetes.io/service-account-token":
            if (object.annotations["kubernetes.io/service-account.name"] ?? "").isEmpty {
                errors.append(.required(FieldPath("metadata.annotations").key("kubernetes.io/service-account.name")))
            }
        case "kubernetes.io/dockercfg": requireKey(".dockercfg")
        case "kubernetes.io/dockerconfigjson": requireKey(".dockerconfigjson")
        case "kubernetes.io/basic-auth":
            if (data["username"]?.stringValue ?? "").isEmpty && (data["password"]?.stringValue ?? "").isEmpty {
                requireKey("username")
                requireKey("password")
            }
        case "kubernetes.io/ssh-auth": requireKey("ssh-privatekey")
        case "kubernetes.io/tls":
            requireKey("tls.crt")
            requireKey("tls.key")
        default: break
        }
        return errors
    }

    static func validateSecretUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        if new["type"] != old["type"] { errors.append(.immutable(FieldPath("type"), new["type"])) }
        errors += validateImmutableData(new, old: old, fields: ["data"])
        errors += validateSecret(new).filter { !$0.field.hasPrefix("metadata.") }
        return errors
    }

    static func validateServiceAccount(_ object: JSONValue) -> [FieldError] {
        ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
    }
}

/// Standard base64, as Kubernetes stores Secret `data`.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : 61)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : 61)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
