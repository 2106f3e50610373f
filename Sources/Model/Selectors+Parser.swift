/// apimachinery's label selector lexer and recursive-descent parser (`labels.Parse`), with its error texts.
struct LabelSelectorParser {
    struct Failure: Error { let message: String }

    enum Token: Equatable {
        case endOfString, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan, identifier, `in`
        case lessThan, notEquals, notIn, openPar
    }

    /// Tokens spelled by fixed text (everything but identifiers and the end).
    static let keywords: [String: Token] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals, ">": .greaterThan,
        "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]

    private var items: [(token: Token, literal: String)] = []
    private var position = 0

    init(_ text: String) { items = Self.scan(Array(text.utf8)) }

    // MARK: Lexer

    static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func isSpecial(_ c: UInt8) -> Bool { "=!(),><".utf8.contains(c) }

    static func scan(_ bytes: [UInt8]) -> [(token: Token, literal: String)] {
        var result: [(token: Token, literal: String)] = []
        var index = 0
        while true {
            while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { result.append((.endOfString, "")); return result }
            if isSpecial(bytes[index]) {
                // The longest run of special characters that still spells a keyword.
                var buffer: [UInt8] = []
                var last: (Token, String)?
                while index < bytes.count, isSpecial(bytes[index]) {
                    buffer.append(bytes[index])
                    let text = String(decoding: buffer, as: UTF8.self)
                    if let token = keywords[text] {
                        last = (token, text)
                        index += 1
                    } else {
                        break
                    }
                }
                result.append(last.map { (token: $0.0, literal: $0.1) } ?? (token: .identifier, literal: ""))
            } else {
                let start = index
                while index < bytes.count, !isSpecial(bytes[index]), !isWhitespace(bytes[index]) { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                result.append((keywords[text] ?? .identifier, text))
            }
        }
    }

    // MARK: Parser

    /// In value position, `in` and `notin` are plain identifiers.
    private func asValue(_ token: Token) -> Token { token == .in || token == .notIn ? .identifier : token }

    private func lookahead(values: Bool) -> (Token, String) {
        let item = items[position]
        return (values ? asValue(item.token) : item.token, item.literal)
    }

    private mutating func consume(values: Bool) -> (Token, String) {
        let item = lookahead(values: values)
        position += 1
        return item
    }

    mutating func parse() throws(Failure) -> [LabelRequirement] {
        var requirements: [LabelRequirement] = []
        while true {
            let (token, literal) = lookahead(values: true)
            switch token {
            case .identifier, .doesNotExist:
                do throws(Failure) {
                    requirements.append(try parseRequirement())
                } catch {
                    throw Failure(message: "unable to parse requirement: \(error.message)")
                }
                let (next, nextLiteral) = consume(values: true)
                switch next {
                case .endOfString:
                    return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(values: true)
                    if after != .identifier && after != .doesNotExist {
                        throw Failure(message: "found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw Failure(message: "found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw Failure(message: "found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(Failure) -> LabelRequirement {
        var (token, literal) = consume(values: true)
        var op: LabelRequirement.Operator?
        if token == .doesNotExist {
            op = .doesNotExist
            (token, literal) = consume(values: true)
        }
        guard token == .identifier else { throw Failure(message: "found '\(literal)', expected: identifier") }
        let key = literal
        let keyProblems = LabelSyntax.qualifiedNameErrors(key)
        if !keyProblems.isEmpty {
            throw Failure(message: LabelRequirement.invalid("<nil>", LabelRequirement.quoted(key), keyProblems.joined(separator: "; ")))
        }
        let (next, _) = lookahead(values: true)
        if next == .endOfString || next == .comma, op == nil { op = .exists }
        if let op { return try requirement(key, op, []) }

        let (opToken, opLiteral) = consume(values: false)
        let binary: LabelRequirement.Operator
        switch opToken {
        case .in: binary = .in
        case .equals: binary = .equals
        case .doubleEquals: binary = .doubleEquals
        case .greaterThan: binary = .greaterThan
        case .lessThan: binary = .lessThan
        case .notIn: binary = .notIn
        case .notEquals: binary = .notEquals
        default: throw Failure(message: "found '\(opLiteral)', expected: in, notin, =, ==, !=, gt, lt")
        }
        let values = binary == .in || binary == .notIn ? try parseValues() : try parseExactValue()
        return try requirement(key, binary, Array(values).sorted())
    }

    private func requirement(_ key: String, _ op: LabelRequirement.Operator, _ values: [String])
        throws(Failure) -> LabelRequirement {
        do throws(APIError) {
            return try LabelRequirement.validated(key: key, operator: op, values: values, path: nil)
        } catch {
            throw Failure(message: error.message)
        }
    }

    private mutating func parseValues() throws(Failure) -> Set<String> {
        let (open, openLiteral) = consume(values: true)
        guard open == .openPar else { throw Failure(message: "found '\(openLiteral)' expected: '('") }
        let (token, literal) = lookahead(values: true)
        switch token {
        case .identifier, .comma:
            let values = try parseIdentifiers()
            let (close, _) = consume(values: true)
            guard close == .closedPar else { throw Failure(message: "found '\(literal)', expected: ')'") }
            return values
        case .closedPar:
            _ = consume(values: true)
            return [""]
        default:
            throw Failure(message: "found '\(literal)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiers() throws(Failure) -> Set<String> {
        var values: Set<String> = []
        while true {
            let (token, literal) = consume(values: true)
            switch token {
            case .identifier:
                values.insert(literal)
                let (next, nextLiteral) = lookahead(values: true)
                switch next {
                case .comma: continue
                case .closedPar: return values
                default: throw Failure(message: "found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.insert("") }
                let (next, _) = lookahead(values: true)
                if next == .closedPar { values.insert(""); return values }
                if next == .comma { _ = consume(values: true); values.insert("") }
            default:
                throw Failure(message: "found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(Failure) -> Set<String> {
        let (next, _) = lookahead(values: true)
        if next == .endOfString || next == .comma { return [""] }
        let (token, literal) = consume(values: true)
        guard token == .identifier else { throw Failure(message: "found '\(literal)', expected: identifier") }
        return [literal]
    }
}
