import Model

/// A field path as the API server prints it: `spec.template.spec.containers[0].name`, `data[key]`.
///
/// Validators extend a path at every level whether or not they find a problem, so a path only records
/// its steps (one small node each) and renders its text when an error asks for it.
struct FieldPath: Sendable, CustomStringConvertible {
    /// One step from the parent path.
    private enum Step: Sendable {
        /// A whole path given as text (the root).
        case text(String)
        /// `parent.name` (just `name` when the parent renders empty).
        case child(String)
        /// `parent[3]`
        case index(Int)
        /// `parent[key]`
        case key(String)
    }

    /// The last step and the path before it; immutable, so paths share their parents.
    private final class Node: Sendable {
        let parent: Node?
        let step: Step
        init(parent: Node?, step: Step) { self.parent = parent; self.step = step }
    }

    private let last: Node?

    private init(parent: Node?, step: Step) { last = Node(parent: parent, step: step) }

    init(_ text: String) { last = text.isEmpty ? nil : Node(parent: nil, step: .text(text)) }

    /// `parent.name`
    func child(_ name: String) -> FieldPath { FieldPath(parent: last, step: .child(name)) }
    /// `parent.a.b`
    func child(_ first: String, _ rest: String...) -> FieldPath {
        rest.reduce(child(first)) { $0.child($1) }
    }
    /// `parent[3]`
    func index(_ i: Int) -> FieldPath { FieldPath(parent: last, step: .index(i)) }
    /// `parent[key]`
    func key(_ k: String) -> FieldPath { FieldPath(parent: last, step: .key(k)) }

    /// The rendered path, e.g. `spec.containers[0].name`.
    var text: String {
        var steps: [Step] = []
        var node = last
        while let current = node {
            steps.append(current.step)
            node = current.parent
        }
        var text = ""
        for step in steps.reversed() {
            switch step {
            case .text(let whole): text = whole
            case .child(let name): text = text.isEmpty ? name : "\(text).\(name)"
            case .index(let i): text += "[\(i)]"
            case .key(let k): text += "[\(k)]"
            }
        }
        return text
    }

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
    var object: JSONObject { self?.objectValue ?? [:] }
    /// Whether the member is absent or JSON null.
    var isMissing: Bool { self == nil || self == .null }
}
