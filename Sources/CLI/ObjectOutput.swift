import Model
import Codec
import Printers

/// `-o` formats for objects.
enum OutputFormat: String {
    case table = "", wide, json, yaml, name

    init(_ text: String?) throws {
        guard let text else { self = .table; return }
        guard let format = OutputFormat(rawValue: text), format != .table else {
            throw UsageError("unable to match a printer suitable for the output format \"\(text)\", allowed formats are: json,name,wide,yaml")
        }
        self = format
    }
}

extension ParsedArguments {
    /// `-o json` for commands whose only other output is their own text; an error for any other format.
    func wantsJSON(command: String, alsoAccepting plain: String? = nil) throws -> Bool {
        guard let format = value("output") else { return false }
        guard format == "json" || format == plain else {
            throw UsageError("unknown output format \"\(format)\" for \(command): use json")
        }
        return format == "json"
    }
}

enum ObjectOutput {
    /// Objects as `-o json|yaml`: one object alone, or a `List` of them.
    static func serialized(_ objects: [JSONValue], format: OutputFormat, single: Bool) -> String {
        let value: JSONValue = single && objects.count == 1 ? objects[0]
            : ["apiVersion": "v1", "kind": "List", "items": .array(objects), "metadata": ["resourceVersion": ""]]
        return format == .json ? value.prettyString() + "\n" : YAMLWriter.string(value)
    }

    /// `deployment.apps/web`
    static func nameLine(_ object: JSONValue, kind: ResourceKind) -> String { "\(kind.qualifiedSingular)/\(object.name)" }
}
