/// One field problem inside a 422 Invalid error, shaped like the API server's `field.Error`.
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable kind of problem; rendered as the API server does.
    public enum Kind: String, Sendable {
        case invalid = "FieldValueInvalid"
        case required = "FieldValueRequired"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case duplicate = "FieldValueDuplicate"
        case tooLong = "FieldValueTooLong"
        case typeInvalid = "FieldValueTypeInvalid"
    }

    public var kind: Kind
    /// The field path, e.g. `spec.template.spec.containers[0].name`.
    public var field: String
    /// The message after the field, e.g. `Invalid value: -1: must be greater than or equal to 0`.
    public var message: String

    public init(kind: Kind, field: String, message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    /// `field: Invalid value: <rendered value>: <detail>`.
    public static func invalid(_ field: String, _ value: JSONValue?, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, message: "Invalid value: \(renderValue(value)): \(detail)")
    }

    /// `field: Required value[: detail]`.
    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(kind: .required, field: field, message: detail.isEmpty ? "Required value" : "Required value: \(detail)")
    }

    /// `field: Unsupported value: "x": supported values: "a", "b"`.
    public static func notSupported(_ field: String, _ value: JSONValue?, _ supported: [String]) -> FieldError {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(kind: .notSupported, field: field,
                          message: "Unsupported value: \(renderValue(value)): supported values: \(list)")
    }

    /// `field: Forbidden: detail`.
    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(kind: .forbidden, field: field, message: "Forbidden: \(detail)")
    }

    /// `field: Duplicate value: x`.
    public static func duplicate(_ field: String, _ value: JSONValue?) -> FieldError {
        FieldError(kind: .duplicate, field: field, message: "Duplicate value: \(renderValue(value))")
    }

    /// `field: Invalid value: "string": detail` for type mismatches.
    public static func typeInvalid(_ field: String, _ value: JSONValue?, _ detail: String) -> FieldError {
        FieldError(kind: .typeInvalid, field: field, message: "Invalid value: \(renderValue(value)): \(detail)")
    }

    public var description: String { "\(field): \(message)" }

    /// Renders a value the way the API server prints it in field errors: strings quoted, numbers bare,
    /// maps as Go's `map[string]string{"k":"v"}`.
    public static func renderValue(_ value: JSONValue?) -> String {
        guard let value else { return "null" }
        switch value {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .object(let o) where o.values.allSatisfy({ $0.stringValue != nil }):
            let body = o.keys.sorted().map { "\"\($0)\":\"\(o[$0]!.stringValue!)\"" }.joined(separator: ", ")
            return "map[string]string{\(body)}"
        default: return value.canonicalString()
        }
    }
}

/// An API error, mirroring Kubernetes' `Status` with its `reason` and HTTP code.
///
/// `message` is the server's text; `cliMessage` is what kubectl prints for it.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Kubernetes' `StatusReason`.
    public enum Reason: String, Sendable {
        case notFound = "NotFound"
        case alreadyExists = "AlreadyExists"
        case conflict = "Conflict"
        case invalid = "Invalid"
        case badRequest = "BadRequest"
        case gone = "Gone"
        case methodNotAllowed = "MethodNotAllowed"
        case internalError = "InternalError"
        case serverTimeout = "ServerTimeout"
        case forbidden = "Forbidden"
    }

    public var reason: Reason
    public var message: String
    /// Kind (singular, e.g. `Deployment`) for Invalid; resource (e.g. `deployments`) otherwise.
    public var detailsKind: String
    public var group: String
    public var name: String
    public var causes: [FieldError]

    public init(reason: Reason, message: String, detailsKind: String = "", group: String = "", name: String = "",
                causes: [FieldError] = []) {
        self.reason = reason
        self.message = message
        self.detailsKind = detailsKind
        self.group = group
        self.name = name
        self.causes = causes
    }

    /// The HTTP status code for this reason.
    public var code: Int {
        switch reason {
        case .notFound: return 404
        case .alreadyExists, .conflict: return 409
        case .invalid: return 422
        case .badRequest: return 400
        case .gone: return 410
        case .methodNotAllowed: return 405
        case .internalError: return 500
        case .serverTimeout: return 504
        case .forbidden: return 403
        }
    }

    public var description: String { cliMessage }

    /// What kubectl prints for this error.
    public var cliMessage: String {
        if reason == .invalid, !causes.isEmpty {
            var lines = ["The \(detailsKind) \"\(name)\" is invalid: "]
            if causes.count == 1 {
                return "The \(detailsKind) \"\(name)\" is invalid: \(causes[0])"
            }
            lines[0] = "The \(detailsKind) \"\(name)\" is invalid:"
            lines += causes.map { "* \($0)" }
            return lines.joined(separator: "\n")
        }
        return "Error from server (\(reason.rawValue)): \(message)"
    }

    /// The `Status` object the API server sends for this error.
    public var status: JSONValue {
        var details: JSONObject = [:]
        if !name.isEmpty { details["name"] = .string(name) }
        if !group.isEmpty { details["group"] = .string(group) }
        if !detailsKind.isEmpty { details["kind"] = .string(detailsKind) }
        if !causes.isEmpty {
            details["causes"] = .array(causes.map {
                ["reason": .string($0.kind.rawValue), "message": .string($0.message), "field": .string($0.field)]
            })
        }
        var status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
            "message": .string(message), "reason": .string(reason.rawValue), "code": .int(code),
        ]
        if !details.isEmpty { status["details"] = .object(details) }
        return status
    }
}

extension APIError {
    /// `deployments.apps "web" not found`.
    public static func notFound(_ kind: ResourceKind, _ name: String) -> APIError {
        APIError(reason: .notFound, message: "\(kind.qualifiedResource) \"\(name)\" not found",
                 detailsKind: kind.resource, group: kind.group, name: name)
    }

    /// `deployments.apps "web" already exists`.
    public static func alreadyExists(_ kind: ResourceKind, _ name: String) -> APIError {
        APIError(reason: .alreadyExists, message: "\(kind.qualifiedResource) \"\(name)\" already exists",
                 detailsKind: kind.resource, group: kind.group, name: name)
    }

    /// The optimistic-concurrency failure for a stale resourceVersion.
    public static func conflict(_ kind: ResourceKind, _ name: String) -> APIError {
        APIError(reason: .conflict,
                 message: "Operation cannot be fulfilled on \(kind.qualifiedResource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
                 detailsKind: kind.resource, group: kind.group, name: name)
    }

    /// 422 Invalid with field causes: `Deployment.apps "web" is invalid: [...]`.
    public static func invalid(_ kind: ResourceKind, _ name: String, _ causes: [FieldError]) -> APIError {
        let qualified = kind.group.isEmpty ? kind.kind : "\(kind.kind).\(kind.group)"
        let list = causes.map(\.description).joined(separator: ", ")
        let message = causes.count == 1 ? "\(qualified) \"\(name)\" is invalid: \(list)"
                                        : "\(qualified) \"\(name)\" is invalid: [\(list)]"
        return APIError(reason: .invalid, message: message, detailsKind: kind.kind, group: kind.group, name: name,
                        causes: causes)
    }

    /// 400 Bad Request with a message.
    public static func badRequest(_ message: String) -> APIError {
        APIError(reason: .badRequest, message: message)
    }
}
