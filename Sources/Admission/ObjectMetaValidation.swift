import Model

/// Which name syntax a kind's `metadata.name` must follow.
public enum NameSyntax: Sendable {
    /// RFC 1123 subdomain: most kinds.
    case dns1123Subdomain
    /// RFC 1123 label: Namespace.
    case dns1123Label
    /// RFC 1035 label: Service.
    case dns1035Label

    /// The problems with `name`; `isPrefix` is for `generateName`, whose trailing `-` is allowed.
    public func errors(_ name: String, isPrefix: Bool = false) -> [String] {
        var value = name
        if isPrefix, value.utf8.count > 1, value.hasSuffix("-") { value = String(value.dropLast()) + "a" }
        switch self {
        case .dns1123Subdomain: return NameRules.dns1123SubdomainErrors(value)
        case .dns1123Label: return NameRules.dns1123LabelErrors(value)
        case .dns1035Label: return NameRules.dns1035LabelErrors(value)
        }
    }

    /// The name syntax the API server enforces for a kind.
    public static func forKind(_ kind: ResourceKind) -> NameSyntax {
        switch kind.kind {
        case "Namespace": return .dns1123Label
        case "Service": return .dns1035Label
        default: return .dns1123Subdomain
        }
    }
}

/// `metadata` checks every kind shares (`ValidateObjectMeta`, `ValidateObjectMetaUpdate`).
enum ObjectMetaValidation {
    static let totalAnnotationSizeLimit = 256 * 1024

    /// Validates `metadata` of an object (or of a template when `requireName` is false).
    static func validate(_ metadata: JSONValue?, syntax: NameSyntax, path: FieldPath = FieldPath("metadata"),
                         requireName: Bool = true) -> [FieldError] {
        var errors: [FieldError] = []
        let generateName = metadata?["generateName"].string ?? ""
        if !generateName.isEmpty {
            for message in syntax.errors(generateName, isPrefix: true) {
                errors.append(.invalid(path.child("generateName"), .string(generateName), message))
            }
        }
        let name = metadata?["name"].string ?? ""
        if requireName {
            if name.isEmpty {
                if generateName.isEmpty {
                    errors.append(.required(path.child("name"), "name or generateName is required"))
                }
            } else {
                for message in syntax.errors(name) { errors.append(.invalid(path.child("name"), .string(name), message)) }
            }
        }
        if let generation = metadata?["generation"].int, generation < 0 {
            errors.append(.invalid(path.child("generation"), .int(generation), "must be greater than or equal to 0"))
        }
        errors += validateLabels(metadata?["labels"], path: path.child("labels"))
        errors += validateAnnotations(metadata?["annotations"], path: path.child("annotations"))
        errors += validateFinalizers(metadata?["finalizers"], path: path.child("finalizers"))
        return errors
    }

    /// Label keys must be qualified names and values valid label values.
    static func validateLabels(_ labels: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        guard let map = labels?.objectValue, !map.isEmpty else { return errors }
        for (key, member) in map.sorted(by: { $0.key < $1.key }) {
            for message in NameRules.qualifiedNameErrors(key) { errors.append(.invalid(path, .string(key), message)) }
            guard let value = member.stringValue else {
                errors.append(.invalid(path, member, "label values must be strings"))
                continue
            }
            for message in NameRules.labelValueErrors(value) { errors.append(.invalid(path, .string(value), message)) }
        }
        return errors
    }

    /// Annotation keys must be qualified names (case-insensitively); the total size is capped at 256 KiB.
    static func validateAnnotations(_ annotations: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        guard let map = annotations?.objectValue, !map.isEmpty else { return errors }
        var total = 0
        for (key, member) in map.sorted(by: { $0.key < $1.key }) {
            for message in NameRules.qualifiedNameErrors(key.lowercased()) {
                errors.append(.invalid(path, .string(key), message))
            }
            total += key.utf8.count + (member.stringValue?.utf8.count ?? 0)
        }
        if total > totalAnnotationSizeLimit { errors.append(.tooLong(path, totalAnnotationSizeLimit)) }
        return errors
    }

    static func validateFinalizers(_ finalizers: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (i, finalizer) in finalizers.array.enumerated() {
            let text = finalizer.stringValue ?? ""
            for message in NameRules.qualifiedNameErrors(text) {
                errors.append(.invalid(path.index(i), finalizer, message))
            }
        }
        return errors
    }

    /// On update: name, namespace and uid may not change; labels and annotations are re-validated.
    static func validateUpdate(_ new: JSONValue?, old: JSONValue?, path: FieldPath = FieldPath("metadata"))
        -> [FieldError]
    {
        var errors: [FieldError] = []
        for field in ["name", "namespace", "uid"] {
            let newValue = new?[field].string ?? ""
            let oldValue = old?[field].string ?? ""
            if field == "uid", newValue.isEmpty { continue }
            if newValue != oldValue { errors.append(.immutable(path.child(field), .string(newValue))) }
        }
        errors += validateLabels(new?["labels"], path: path.child("labels"))
        errors += validateAnnotations(new?["annotations"], path: path.child("annotations"))
        errors += validateFinalizers(new?["finalizers"], path: path.child("finalizers"))
        return errors
    }
}
