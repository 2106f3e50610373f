import CYAML
import Model

/// Builds JSON documents from libyaml's event stream, converting YAML to JSON the way kubectl's
/// sigs.k8s.io/yaml (go-yaml v2) does: YAML 1.1 scalar typing, anchors and aliases, `<<` merge keys
/// (later entries overwrite earlier ones, duplicates keep the last value), non-string keys turned into
/// strings.
struct YAMLDocumentParser {
    let source: String

    /// A mapping or sequence being filled.
    private final class Collection {
        let isMapping: Bool
        let anchor: String?
        var items: [JSONValue] = []
        var entries: JSONObject = [:]
        var pendingKey: PendingKey?
        init(isMapping: Bool, anchor: String?) { self.isMapping = isMapping; self.anchor = anchor }
    }

    private enum PendingKey { case key(String), merge }

    /// Parses every document of `bytes`, calling `handle` with each document's value (`.null` for an empty
    /// one) and the 1-based line where it starts.
    func parse(_ bytes: [UInt8], handle: (JSONValue, Int) throws(ManifestError) -> Void) throws(ManifestError) {
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { input.deallocate() }
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { input.initialize(from: base, count: bytes.count) }
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw ManifestError(kind: .other, source: source, reason: "cannot initialize the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, input, bytes.count)

        var stack: [Collection] = []
        var anchors: [String: JSONValue] = [:]
        var anchorKeys: [String: String] = [:]
        var root: JSONValue = .null
        var documentLine = 1
        var event = yaml_event_t()

        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                anchors.removeAll(keepingCapacity: true)
                anchorKeys.removeAll(keepingCapacity: true)
                root = .null
                documentLine = Int(mark.line) + 1
            case YAML_DOCUMENT_END_EVENT:
                try handle(root, documentLine)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = Self.string(scalar.value, Int(scalar.length))
                let tag = scalar.tag.map { String(cString: $0) }
                let isPlain = scalar.plain_implicit == 1 && tag == nil
                let anchor = scalar.anchor.map { String(cString: $0) }
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    if isPlain && text == "<<" || tag == "tag:yaml.org,2002:merge" {
                        top.pendingKey = .merge
                    } else {
                        let key = try keyString(text, tag: tag, isPlain: isPlain, mark: mark)
                        top.pendingKey = .key(key)
                        if let anchor {
                            anchorKeys[anchor] = key
                            anchors[anchor] = try scalarValue(text, tag: tag, isPlain: isPlain, mark: mark)
                        }
                    }
                    continue
                }
                let value = try scalarValue(text, tag: tag, isPlain: isPlain, mark: mark)
                if let anchor {
                    anchors[anchor] = value
                    anchorKeys[anchor] = try? keyString(text, tag: tag, isPlain: isPlain, mark: mark)
                }
                try deliver(value, to: stack, root: &root, mark: mark)
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let value = anchors[name] else {
                    throw conversionError("yaml: unknown anchor '\(name)' referenced", mark)
                }
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    guard let key = anchorKeys[name] else {
                        throw conversionError("yaml: invalid map key: \(value.canonicalString())", mark)
                    }
                    top.pendingKey = .key(key)
                    continue
                }
                try deliver(value, to: stack, root: &root, mark: mark)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    throw conversionError("yaml: invalid map key: a \(event.type == YAML_MAPPING_START_EVENT ? "mapping" : "sequence") cannot be a key", mark)
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchorPointer = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                stack.append(Collection(isMapping: isMapping, anchor: anchorPointer.map { String(cString: $0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let done = stack.removeLast()
                let value: JSONValue = done.isMapping ? .object(done.entries) : .array(done.items)
                if let anchor = done.anchor { anchors[anchor] = value; anchorKeys[anchor] = nil }
                try deliver(value, to: stack, root: &root, mark: mark)
            default:
                break
            }
        }
    }

    /// Hands a finished value to its parent: appended to a sequence, stored under the pending key, or
    /// merged for `<<`.
    private func deliver(_ value: JSONValue, to stack: [Collection], root: inout JSONValue,
                         mark: yaml_mark_t) throws(ManifestError) {
        guard let top = stack.last else { root = value; return }
        guard top.isMapping else { top.items.append(value); return }
        switch top.pendingKey {
        case .key(let key)?:
            top.entries[key] = value
        case .merge?:
            try merge(value, into: top, mark: mark)
        case nil:
            break
        }
        top.pendingKey = nil
    }

    /// go-yaml v2's merge: a mapping's entries overwrite the current ones; for a sequence of mappings the
    /// earlier mappings win, so they are applied last.
    private func merge(_ value: JSONValue, into target: Collection, mark: yaml_mark_t) throws(ManifestError) {
        let wantMap = "yaml: map merge requires map or sequence of maps as the value"
        switch value {
        case .object(let entries):
            for (k, v) in entries { target.entries[k] = v }
        case .array(let list):
            for element in list.reversed() {
                guard case .object(let entries) = element else { throw conversionError(wantMap, mark) }
                for (k, v) in entries { target.entries[k] = v }
            }
        default:
            throw conversionError(wantMap, mark)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    func syntaxError(_ parser: yaml_parser_t) -> ManifestError {
        let reason = parser.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        let mark = parser.problem_mark
        return ManifestError(kind: .syntax, source: source, line: Int(mark.line) + 1,
                             column: Int(mark.column) + 1, reason: reason)
    }

    func conversionError(_ reason: String, _ mark: yaml_mark_t) -> ManifestError {
        ManifestError(kind: .conversion, source: source, line: Int(mark.line) + 1,
                      column: Int(mark.column) + 1, reason: reason)
    }
}
