/// A flag a command accepts, kubectl-style: `--name=value`, `--name value`, `-n value`, `-nvalue`.
public struct Flag: Sendable {
    public var long: String
    public var short: Character?
    /// Whether the flag takes a value (otherwise it is a boolean: `--flag`, `--flag=false`).
    public var takesValue: Bool
    public var help: String
    /// The value shown in help, e.g. `PATH`.
    public var placeholder: String

    public init(_ long: String, short: Character? = nil, value placeholder: String? = nil, help: String) {
        self.long = long
        self.short = short
        self.takesValue = placeholder != nil
        self.placeholder = placeholder ?? ""
        self.help = help
    }
}

/// A command line that could not be understood; printed with a pointer to `--help`.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Parsed flags and positional arguments of one command line.
public struct ParsedArguments: Sendable {
    public private(set) var values: [String: [String]] = [:]
    public private(set) var positional: [String] = []

    /// Parses `tokens` against the flags a command accepts (global flags included by the caller).
    public init(_ tokens: [String], flags: [Flag]) throws(UsageError) {
        var index = 0
        func find(long: String) -> Flag? { flags.first { $0.long == long } }
        func find(short: Character) -> Flag? { flags.first { $0.short == short } }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == "--" { positional += tokens[index...]; break }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                guard let flag = find(long: name) else { throw UsageError("unknown flag: --\(name)") }
                if let equals = body.firstIndex(of: "=") {
                    values[flag.long, default: []].append(String(body[body.index(after: equals)...]))
                } else if flag.takesValue {
                    guard index < tokens.count else { throw UsageError("flag needs an argument: --\(name)") }
                    values[flag.long, default: []].append(tokens[index])
                    index += 1
                } else {
                    values[flag.long, default: []].append("true")
                }
            } else if token.hasPrefix("-"), token.count > 1, !token.dropFirst().allSatisfy({ $0.isNumber }) {
                let letter = token.dropFirst().first!
                guard let flag = find(short: letter) else { throw UsageError("unknown shorthand flag: '\(letter)' in \(token)") }
                var rest = String(token.dropFirst(2))
                if rest.hasPrefix("=") { rest.removeFirst() }
                if flag.takesValue {
                    if rest.isEmpty {
                        guard index < tokens.count else {
                            throw UsageError("flag needs an argument: '\(letter)' in -\(letter)")
                        }
                        rest = tokens[index]
                        index += 1
                    }
                    values[flag.long, default: []].append(rest)
                } else {
                    values[flag.long, default: []].append("true")
                    if !rest.isEmpty { // combined booleans such as -Aw
                        for other in rest {
                            guard let more = find(short: other), !more.takesValue else {
                                throw UsageError("unknown shorthand flag: '\(other)' in \(token)")
                            }
                            values[more.long, default: []].append("true")
                        }
                    }
                }
            } else {
                positional.append(token)
            }
        }
    }

    /// The last value given for a flag.
    public func value(_ long: String) -> String? { values[long]?.last }
    /// Every value given for a repeatable flag.
    public func all(_ long: String) -> [String] { values[long] ?? [] }
    /// A boolean flag (`--x`, `--x=true`, `--x=false`).
    public func bool(_ long: String) -> Bool {
        guard let v = values[long]?.last else { return false }
        return v != "false" && v != "0"
    }
    /// Whether the flag was given at all.
    public func has(_ long: String) -> Bool { values[long] != nil }

    /// An integer flag, with a clear error when it is not a number.
    public func int(_ long: String) throws(UsageError) -> Int64? {
        guard let text = value(long) else { return nil }
        guard let number = Int64(text) else {
            throw UsageError("invalid argument \"\(text)\" for \"--\(long)\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax")
        }
        return number
    }
}
