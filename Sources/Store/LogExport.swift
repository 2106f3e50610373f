import SQLiteKit
import Determinism

/// The first line of an export: what the file holds and how to check it.
public struct ExportHeader: Sendable, Equatable {
    public static let format = "logbook-export"
    public static let version = 1

    public var seed: UInt64
    public var start: String
    public var nodes: Int
    /// The export holds the events after this seq (0: the whole log).
    public var since: Int64
    public var firstSeq: Int64
    public var lastSeq: Int64
    /// The hash (hex) the first exported event chains onto: the hash of event `since`, or 64 zeros.
    public var previousHash: String

    /// The header as one JSON Lines line (without the newline).
    public var line: String {
        "{\"format\":\"\(ExportHeader.format)\",\"version\":\(ExportHeader.version),\"seed\":\(seed),"
            + "\"start\":\(JSONLine.quoted(start)),\"nodes\":\(nodes),\"since\":\(since),\"first_seq\":\(firstSeq),"
            + "\"last_seq\":\(lastSeq),\"previous_hash\":\"\(previousHash)\"}"
    }
}

/// Writing JSON Lines by hand: the log's texts are copied, never re-serialized.
enum JSONLine {
    /// A JSON string literal for `text`.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal.
    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0a: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0d: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func append(raw text: String, to out: inout [UInt8]) { out.append(contentsOf: text.utf8) }
}

extension Store {
    /// Writes the log after `since` as JSON Lines: the header, then one event a line with every field and
    /// its hash (`object` last, copied byte for byte). `sink` receives chunks of about 1 MiB. Returns the
    /// header written.
    @discardableResult
    public func exportLog(since: Int64 = 0, to sink: ([UInt8]) throws -> Void) throws -> ExportHeader {
        guard since >= 0 else { throw StoreError("--since must be a seq (0 or more), not \(since)") }
        return try connection.readTransaction {
            let last = try lastSeq()
            guard since <= last else {
                throw StoreError("--since \(since) is beyond the end of the log (the newest event is seq \(last))")
            }
            let previous = since == 0 ? SHA256.hex(EventHash.genesis) : (try eventHash(at: since) ?? "")
            let header = ExportHeader(seed: settings.seed, start: settings.start.rfc3339, nodes: settings.nodes,
                                      since: since, firstSeq: since < last ? since + 1 : 0, lastSeq: since < last ? last : 0,
                                      previousHash: previous)
            var out: [UInt8] = []
            out.reserveCapacity(1 << 21)
            out += Array(header.line.utf8)
            out.append(0x0a)
            let rows = try connection.prepare("""
                SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause, hash
                FROM events WHERE seq > ? ORDER BY seq
                """)
            try rows.bind([.int(since)])
            while let row = try rows.step() {
                out += Array("{\"seq\":\(row[0].int ?? 0),\"time\":".utf8)
                JSONLine.append(row[1].text ?? "", to: &out)
                for (key, index) in [("actor", 2), ("verb", 3), ("apiVersion", 4), ("kind", 5), ("namespace", 6),
                                     ("name", 7), ("uid", 8)] {
                    out += Array(",\"\(key)\":".utf8)
                    JSONLine.append(row[index].text ?? "", to: &out)
                }
                out += Array(",\"cause\":\(row[10].int.map(String.init) ?? "null"),\"hash\":".utf8)
                JSONLine.append(row[11].text ?? "", to: &out)
                out += Array(",\"object\":".utf8)
                if let object = row[9].text { JSONLine.append(raw: object, to: &out) } else { out += Array("null".utf8) }
                out += Array("}\n".utf8)
                if out.count >= 1 << 20 {
                    try sink(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            if !out.isEmpty { try sink(out) }
            return header
        }
    }
}
