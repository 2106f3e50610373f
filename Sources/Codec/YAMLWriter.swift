import CYAML
import Model

/// Writes objects as YAML the way `kubectl get -o yaml` does (go-yaml v2 through sigs.k8s.io/yaml), using
/// libyaml's emitter: keys in go-yaml's order, 2-space indent, sequences not indented under their key,
/// `{}` and `[]` for empty collections, strings quoted only when they would otherwise read back as another
/// type, multi-line strings as literal blocks.
public enum YAMLWriter {
    /// go-yaml v2 leaves libyaml's default line width, so long plain and quoted strings are folded at a
    /// space after column 80, exactly as kubectl prints them.
    public static let kubectlLineWidth = 80

    /// One value as YAML, ending with a newline, without `---` or `...` markers.
    public static func string(_ value: JSONValue) -> String {
        string(value, lineWidth: kubectlLineWidth)
    }

    /// One value as YAML with a chosen fold width; a negative width never folds.
    public static func string(_ value: JSONValue, lineWidth: Int) -> String {
        var emitter = YAMLEmitter(lineWidth: lineWidth)
        return emitter.document(value)
    }

    /// Several values as one YAML stream, separated by `---` lines.
    public static func documents(_ values: [JSONValue]) -> String {
        values.map { string($0) }.joined(separator: "---\n")
    }
}

/// A libyaml emitter writing into a byte buffer.
struct YAMLEmitter {
    /// Receives libyaml's output through the C write callback.
    private final class Output { var bytes: [UInt8] = [] }

    let lineWidth: Int

    init(lineWidth: Int) { self.lineWidth = lineWidth }

    mutating func document(_ value: JSONValue) -> String {
        let output = Output()
        let context = Unmanaged.passRetained(output)
        defer { context.release() }
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else { return "" }
        defer { yaml_emitter_delete(&emitter) }
        yaml_emitter_set_unicode(&emitter, 1)
        yaml_emitter_set_indent(&emitter, 2)
        yaml_emitter_set_width(&emitter, Int32(clamping: lineWidth))
        yaml_emitter_set_output(&emitter, { data, buffer, size in
            guard let data, let buffer else { return 1 }
            let output = Unmanaged<Output>.fromOpaque(data).takeUnretainedValue()
            output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, context.toOpaque())

        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        yaml_emitter_emit(&emitter, &event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        yaml_emitter_emit(&emitter, &event)
        emit(value, &emitter)
        yaml_document_end_event_initialize(&event, 1)
        yaml_emitter_emit(&emitter, &event)
        yaml_stream_end_event_initialize(&event)
        yaml_emitter_emit(&emitter, &event)
        yaml_emitter_flush(&emitter)

        var bytes = output.bytes
        // libyaml closes an open-ended document (a bare top-level scalar) with "...", go-yaml does not.
        let marker = Array("...\n".utf8)
        if bytes.count > marker.count, bytes.suffix(marker.count).elementsEqual(marker) {
            bytes.removeLast(marker.count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func emit(_ value: JSONValue, _ emitter: inout yaml_emitter_t) {
        var event = yaml_event_t()
        switch value {
        case .null: scalar("null", YAML_PLAIN_SCALAR_STYLE, &emitter)
        case .bool(let b): scalar(b ? "true" : "false", YAML_PLAIN_SCALAR_STYLE, &emitter)
        case .int(let i): scalar(String(i), YAML_PLAIN_SCALAR_STYLE, &emitter)
        case .double(let d): scalar(Self.numberText(d), YAML_PLAIN_SCALAR_STYLE, &emitter)
        case .string(let s): scalar(s, Self.style(for: s), &emitter)
        case .array(let items):
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            yaml_emitter_emit(&emitter, &event)
            for item in items { emit(item, &emitter) }
            yaml_sequence_end_event_initialize(&event)
            yaml_emitter_emit(&emitter, &event)
        case .object(let fields):
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
            yaml_emitter_emit(&emitter, &event)
            for key in GoYAMLKeyOrder.sorted(fields.keys) {
                scalar(key, Self.style(for: key), &emitter)
                emit(fields[key]!, &emitter)
            }
            yaml_mapping_end_event_initialize(&event)
            yaml_emitter_emit(&emitter, &event)
        }
    }

    private func scalar(_ text: String, _ style: yaml_scalar_style_t, _ emitter: inout yaml_emitter_t) {
        var event = yaml_event_t()
        var text = text
        text.withUTF8 { buffer in
            var empty: UInt8 = 0
            withUnsafePointer(to: &empty) { emptyPointer in
                let pointer = buffer.baseAddress ?? emptyPointer
                _ = yaml_scalar_event_initialize(&event, nil, nil, pointer, Int32(buffer.count), 1, 1, style)
            }
        }
        yaml_emitter_emit(&emitter, &event)
    }

    /// go-yaml v2's choice: literal for multi-line text, double quotes for text that would read back as
    /// another type, plain otherwise (libyaml falls back to single quotes where plain is not allowed).
    static func style(for text: String) -> yaml_scalar_style_t {
        if text.utf8.contains(UInt8(ascii: "\n")) { return YAML_LITERAL_SCALAR_STYLE }
        if ScalarResolver.needsQuotes(text) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
        return YAML_PLAIN_SCALAR_STYLE
    }

    /// A double as kubectl prints it after its JSON round trip: integral values as integers, others in Go's
    /// shortest `%g` form.
    static func numberText(_ d: Double) -> String {
        if d.isFinite, d == d.rounded() {
            if d >= 0, d < 18446744073709551616.0 { return String(UInt64(d)) }
            if d < 0, d >= -9223372036854775808.0 { return String(Int64(d)) }
        }
        return GoFloatFormat.yaml(d)
    }
}
