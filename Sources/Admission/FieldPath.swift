import Model

/// A field path as the API server prints it: `spec.template.spec.containers[0].name`, `data[key]`.
struct FieldPath: Sendable, CustomStringConvertible {
    let text: String

    init(_ text: String) { self.text = text }

    /// `parent.name`
    func child(_ name: String) -> FieldPath { FieldPath(text.isEmpty ? name : "\(text).\(name)") }
    /// `parent.a.b`
    func child(_ first: String, _ rest: String...) -> FieldPath {
        rest.reduce(child(first)) { $0.child($1) }
    }
    /// `parent[3]`
    func index(_ i: Int) -> FieldPath { FieldPath("\(text)[\(i)]") }
    /// `parent[key]`
    func key(_ k: String) -> FieldPath { FieldPath("\(text)[\(k)]") }

    var description: String { text }
}

extension FieldError {
    /// An Invalid error whose value is already rendered (for Go-syntax values like label selectors).
    static func invalidRendered(_ field: FieldPath, _ rendered: String, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field.text, message: "Invalid value: \(rendered): \(detail)")
    }
    static func invalid(_ field: FieldPath, _ value: JSONValue?, _ detail: String) -> FieldError {
        invalid(field.text, value, detail)
    }
    static func required(_ field: FieldPath, _ detail: String = "") -> FieldError { required(field.text, detail) }
    static func notSupported(_ field: FieldPath, _ value: JSONValue?, _ supported: [String]) -> FieldError {
        notSupported(field.text, value, supported)
    }
    static func forbidden(_ field: FieldPath, _ detail: String) -> FieldError { forbidden(field.text, detail) }
    static func duplicate(_ field: FieldPath, _ value: JSONValue?) -> FieldError { duplicate(field.text, value) }
    /// `field: Too long: may not be more than N bytes`.
    static func tooLong(_ field: FieldPath, _ limit: Int) -> FieldError {
        FieldError(kind: .tooLong, field: field.text, message: "Too long: may not be more than \(limit) bytes")
    }
    /// `field: Invalid value: "string": field is immutable`.
    static func immutable(_ field: FieldPath, _ value: JSONValue?) -> FieldError {
        invalid(field, value, "field is immutable")
    }
}

/// Small readers over optional JSON, so validators stay short.
extension Optional where Wrapped == JSONValue {
    var string: String? { self?.stringValue }
    var int: Int? { self?.intValue }
    var array: [JSONValue] { self?.arrayValue ?? [] }
    var object: [String: JSONValue] { self?.objectValue ?? [:] }
    /// Whether the member is absent or JSON null.
    var isMissing: Bool { self == nil || self == .null }
}
