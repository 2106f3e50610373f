import CYAML
import Foundation
import Model

/// Scalar typing: YAML 1.1 resolution for plain scalars, strings for quoted and block scalars, and the
/// standard `!!` tags honoured as go-yaml v2 honours them.
extension YAMLDocumentParser {
    private static let tagPrefix = "tag:yaml.org,2002:"

    /// The JSON value of a scalar in value position.
    func scalarValue(_ text: String, tag: String?, isPlain: Bool, mark: yaml_mark_t) throws(ManifestError) -> JSONValue {
        let (resolved, effective) = try resolveTagged(text, tag: tag, isPlain: isPlain, mark: mark)
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .unsignedInt(let u): return .double(Double(u))
        case .float(let d):
            guard d.isFinite else {
                throw conversionError("json: unsupported value: \(GoFloatFormat.format(d))", mark)
            }
            // encoding/json writes an integral float without a fraction, so it reaches the server as an integer.
            if d == d.rounded(), abs(d) < 9.2e18 { return .int(Int(d)) }
            return .double(d)
        case .timestamp, .string: return .string(effective)
        }
    }

    /// The JSON object key for a scalar in key position, as sigs.k8s.io/yaml converts non-string keys.
    func keyString(_ text: String, tag: String?, isPlain: Bool, mark: yaml_mark_t) throws(ManifestError) -> String {
        if tag == nil && !isPlain { return text }
        let (resolved, effective) = try resolveTagged(text, tag: tag, isPlain: isPlain, mark: mark)
        switch resolved {
        case .string, .timestamp: return effective
        case .int(let i): return String(i)
        case .unsignedInt(let u): return String(u)
        case .bool(let b): return b ? "true" : "false"
        case .float(let d):
            switch GoFloatFormat.format32(d) {
            case "+Inf": return ".inf"
            case "-Inf": return "-.inf"
            case "NaN": return ".nan"
            case let s: return s
            }
        case .null:
            throw conversionError("Unsupported map key of type: <nil>, key: \(text.isEmpty ? "<empty>" : text) (a null key has no JSON equivalent)", mark)
        }
    }

    /// Resolves a scalar under its tag; returns the meaning and the text a string value should carry.
    private func resolveTagged(_ text: String, tag: String?, isPlain: Bool,
                               mark: yaml_mark_t) throws(ManifestError) -> (ResolvedScalar, String) {
        guard let tag else { return (isPlain ? ScalarResolver.resolve(text) : .string, text) }
        guard tag.hasPrefix(Self.tagPrefix) else { return (.string, text) }
        let short = String(tag.dropFirst(Self.tagPrefix.count))
        let resolved = ScalarResolver.resolve(text)
        func fail() -> ManifestError {
            conversionError("yaml: cannot decode !!\(Self.shortName(resolved)) `\(text)` as a !!\(short)", mark)
        }
        switch short {
        case "str":
            return (.string, text)
        case "binary":
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw conversionError("yaml: !!binary value contains invalid base64 data", mark)
            }
            return (.string, String(decoding: data, as: UTF8.self))
        case "int":
            switch resolved {
            case .int, .unsignedInt: return (resolved, text)
            default: throw fail()
            }
        case "float":
            switch resolved {
            case .float: return (resolved, text)
            case .int(let i): return (.float(Double(i)), text)
            case .unsignedInt(let u): return (.float(Double(u)), text)
            default: throw fail()
            }
        case "bool":
            guard case .bool = resolved else { throw fail() }
            return (resolved, text)
        case "null":
            guard case .null = resolved else { throw fail() }
            return (resolved, text)
        case "timestamp":
            guard case .timestamp = resolved else { throw fail() }
            return (.string, text)
        default:
            return (.string, text)
        }
    }

    private static func shortName(_ resolved: ResolvedScalar) -> String {
        switch resolved {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .unsignedInt: return "int"
        case .float: return "float"
        case .timestamp: return "timestamp"
        case .string: return "str"
        }
    }
}
