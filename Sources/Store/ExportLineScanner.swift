import Model

/// The fields of an event line in exactly the layout `exportLog` writes, read without building a
/// `JSONValue` tree: the scalar fields in their fixed order, then the object's bytes.
struct ExportLine {
    var seq: Int
    var time: String, actor: String, verb: String, apiVersion: String, kind: String
    var namespace: String, name: String, uid: String
    var cause: Int?
    var hash: String
    /// Where the object's text starts and ends in the line; nil for `null`.
    var object: Range<Int>?

    /// Reads `line` when it has the export's layout with plain strings (no escapes, no control characters)
    /// and plain integers; nil otherwise, and the caller parses the line as general JSON, which gives the
    /// same fields for every line this accepts.
    init?(_ line: UnsafeBufferPointer<UInt8>) {
        var reader = ByteReader(bytes: line)
        guard reader.literal("{\"seq\":"), let seq = reader.integer(),
              reader.literal(",\"time\":"), let time = reader.plainString(),
              reader.literal(",\"actor\":"), let actor = reader.plainString(),
              reader.literal(",\"verb\":"), let verb = reader.plainString(),
              reader.literal(",\"apiVersion\":"), let apiVersion = reader.plainString(),
              reader.literal(",\"kind\":"), let kind = reader.plainString(),
              reader.literal(",\"namespace\":"), let namespace = reader.plainString(),
              reader.literal(",\"name\":"), let name = reader.plainString(),
              reader.literal(",\"uid\":"), let uid = reader.plainString(),
              reader.literal(",\"cause\":") else { return nil }
        var cause: Int?
        if !reader.literal("null") {
            guard let number = reader.integer() else { return nil }
            cause = number
        }
        guard reader.literal(",\"hash\":"), let hash = reader.plainString(), reader.literal(",\"object\":"),
              line.count - reader.index >= 2, line[line.count - 1] == UInt8(ascii: "}") else { return nil }
        let start = reader.index, end = line.count - 1
        if end - start == 4, reader.literal("null") {
            object = nil
        } else {
            guard line[start] == UInt8(ascii: "{") else { return nil }
            object = start..<end
        }
        self.seq = seq; self.time = time; self.actor = actor; self.verb = verb; self.apiVersion = apiVersion
        self.kind = kind; self.namespace = namespace; self.name = name; self.uid = uid; self.cause = cause
        self.hash = hash
    }
}

/// What `ObjectAccess` reads from an object to name it: `kind`, `apiVersion` and metadata's `name`,
/// `namespace` and `uid` ("" when missing or not a string).
struct ObjectIdentity: Equatable {
    var kind = "", apiVersion = "", name = "", namespace = "", uid = ""

    init(kind: String = "", apiVersion: String = "", name: String = "", namespace: String = "", uid: String = "") {
        self.kind = kind; self.apiVersion = apiVersion; self.name = name; self.namespace = namespace; self.uid = uid
    }

    init(_ object: JSONValue) {
        self.init(kind: object.kind, apiVersion: object.apiVersion, name: object.name, namespace: object.namespace,
                  uid: object.uid)
    }

    /// Checks that `text` is one JSON object (RFC 8259, nesting at most 512 deep) and reads its identity
    /// without building a tree. Strict: nil for anything unusual (escapes or non-ASCII bytes in the fields
    /// it reads, invalid JSON, another top-level value); the caller then parses the text with
    /// `JSONValue.parse`, which accepts everything this accepts and reads the same identity from it
    /// (duplicate keys: the last one wins, as there).
    static func scan(_ text: UnsafeBufferPointer<UInt8>) -> ObjectIdentity? {
        var reader = ByteReader(bytes: text)
        var identity = ObjectIdentity()
        reader.skipWhitespace()
        let isObject = reader.object(depth: 0) { key, reader in
            switch key {
            case "kind": return reader.identityField(&identity.kind)
            case "apiVersion": return reader.identityField(&identity.apiVersion)
            case "metadata":
                guard reader.peek == UInt8(ascii: "{") else {
                    identity.name = ""; identity.namespace = ""; identity.uid = ""
                    return reader.skipValue(depth: 1)
                }
                var name = "", namespace = "", uid = ""
                let ok = reader.object(depth: 1) { key, reader in
                    switch key {
                    case "name": return reader.identityField(&name)
                    case "namespace": return reader.identityField(&namespace)
                    case "uid": return reader.identityField(&uid)
                    default: return reader.skipValue(depth: 2)
                    }
                }
                identity.name = name; identity.namespace = namespace; identity.uid = uid
                return ok
            default: return reader.skipValue(depth: 1)
            }
        }
        guard isObject else { return nil }
        reader.skipWhitespace()
        return reader.index == text.count ? identity : nil
    }
}

/// A cursor over UTF-8 bytes for the strict readers above; every method returns false or nil on anything
/// it does not accept.
struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0a || bytes[index] == 0x0d || bytes[index] == 0x09 {
            index += 1
        }
    }

    /// Consumes `text` when the bytes continue with it.
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// An integer in JSON's grammar that fits in `Int`.
    mutating func integer() -> Int? {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        let count = index - digits
        guard count > 0, count < 19, count == 1 || bytes[digits] != UInt8(ascii: "0") else { return nil }
        if let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        var value = 0
        for position in digits..<index { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
        return bytes[start] == UInt8(ascii: "-") ? -value : value
    }

    /// A string without escapes or control characters, decoded as the JSON parser decodes it.
    mutating func plainString() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// A value `ObjectAccess` reads as a string: a plain ASCII string is kept, any other value gives "".
    mutating func identityField(_ field: inout String) -> Bool {
        guard peek == UInt8(ascii: "\"") else {
            field = ""
            return skipValue(depth: 1)
        }
        let start = index + 1
        guard skipString() else { return false }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
        for byte in text where byte >= 0x80 || byte == UInt8(ascii: "\\") { return false }
        field = String(decoding: text, as: UTF8.self)
        return true
    }

    /// An object's members: `member` reads each value (after the colon) given its key.
    mutating func object(depth: Int, _ member: (String, inout ByteReader) -> Bool) -> Bool {
        guard depth < 512, peek == UInt8(ascii: "{") else { return false }
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return true }
        while true {
            skipWhitespace()
            guard let key = plainString() else { return false }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return false }
            index += 1
            skipWhitespace()
            guard member(key, &self) else { return false }
            skipWhitespace()
            guard let byte = peek else { return false }
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            return byte == UInt8(ascii: "}")
        }
    }

    /// Skips one value (after white space), checking its grammar.
    mutating func skipValue(depth: Int) -> Bool {
        skipWhitespace()
        guard let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "{"):
            return object(depth: depth) { _, reader in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            guard depth < 512 else { return false }
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") { index += 1; return true }
            while true {
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                guard let next = peek else { return false }
                index += 1
                if next == UInt8(ascii: ",") { continue }
                return next == UInt8(ascii: "]")
            }
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return skipNumber()
        }
    }

    /// Skips a string, checking its escapes; control characters are refused as the parser refuses them.
    mutating func skipString() -> Bool {
        guard peek == UInt8(ascii: "\"") else { return false }
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return true }
            if byte < 0x20 { return false }
            guard byte == UInt8(ascii: "\\") else { continue }
            guard let escape = peek else { return false }
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                guard bytes.count - index >= 4 else { return false }
                for _ in 0..<4 {
                    let c = bytes[index]
                    guard (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
                            || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F")) else { return false }
                    index += 1
                }
            default: return false
            }
        }
        return false
    }

    /// Skips a number in RFC 8259's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    mutating func skipNumber() -> Bool {
        if peek == UInt8(ascii: "-") { index += 1 }
        func digits(_ reader: inout ByteReader) -> Int {
            let start = reader.index
            while let byte = reader.peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { reader.index += 1 }
            return reader.index - start
        }
        let start = index
        let whole = digits(&self)
        guard whole > 0, whole == 1 || bytes[start] != UInt8(ascii: "0") else { return false }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { return false }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { return false }
        }
        return true
    }
}
