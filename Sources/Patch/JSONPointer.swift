import Model

/// A JSON pointer (RFC 6901): `/spec/containers/0/image`, with `~1` for `/` and `~0` for `~`.
struct JSONPointer: Sendable, Equatable {
    /// The text as written, for messages.
    let text: String
    /// The unescaped reference tokens; empty for the whole document.
    let tokens: [String]

    /// Parses a pointer; `nil` when it is neither empty nor starts with `/`.
    init?(_ text: String) {
        self.text = text
        if text.isEmpty { tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(Self.unescape)
    }

    /// Decodes `~1` to `/` and then `~0` to `~` (RFC 6901 §4).
    static func unescape(_ token: Substring) -> String {
        var result = ""
        var iterator = token.makeIterator()
        while let c = iterator.next() {
            guard c == "~" else { result.append(c); continue }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            case let other?: result.append("~"); result.append(other)
            case nil: result.append("~")
            }
        }
        return result
    }

    /// The pointer to the parent container and the last token; `nil` for the whole document.
    var parentAndKey: (parent: [String], key: String)? {
        guard let last = tokens.last else { return nil }
        return (Array(tokens.dropLast()), last)
    }

    /// The value at `tokens` in `document`, if every step exists.
    static func resolve(_ tokens: [String], in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = arrayIndex(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at `tokens` (which must exist) using `body`.
    static func modify(_ tokens: [String], in document: inout JSONValue,
                       _ body: (inout JSONValue) throws(PatchError) -> Void) throws(PatchError) {
        guard let first = tokens.first else { try body(&document); return }
        let rest = Array(tokens.dropFirst())
        switch document {
        case .object(var members):
            guard var child = members[first] else { throw PatchError("missing value") }
            members[first] = nil
            try modify(rest, in: &child, body)
            members[first] = child
            document = .object(members)
        case .array(var items):
            guard let index = arrayIndex(first), index < items.count else { throw PatchError("missing value") }
            var child = items[index]
            try modify(rest, in: &child, body)
            items[index] = child
            document = .array(items)
        default:
            throw PatchError("missing value")
        }
    }

    /// A non-negative decimal array index without leading zeros (RFC 6901 §4).
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber) else { return nil }
        if token.count > 1, token.hasPrefix("0") { return nil }
        return Int(token)
    }
}
