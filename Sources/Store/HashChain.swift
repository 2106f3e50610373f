import SQLiteKit
import Determinism

/// The event log's hash chain: each event's `hash` is SHA-256 over the previous event's hash (32 zero
/// bytes before the first event) followed by a canonical, unambiguous encoding of the event's fields:
///
///     seq (8 bytes, big-endian) · time · actor · verb · api_version · kind · namespace · name · uid
///     · object (1 byte 0 = null, else 1 and the text) · cause (1 byte 0 = null, else 1 and 8 bytes)
///
/// where each text is its UTF-8 length (4 bytes, big-endian) and bytes. Changing, removing, inserting or
/// reordering any event changes every hash after it, so an export carries its own proof of integrity.
public enum EventHash {
    /// What the first event chains onto.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// The hash of one event (32 bytes) chained onto `previous`.
    public static func compute(previous: [UInt8], seq: Int64, time: String, actor: String, verb: String,
                               apiVersion: String, kind: String, namespace: String, name: String, uid: String,
                               object: String?, cause: Int64?) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(previous)
        hasher.update(bigEndian: UInt64(bitPattern: seq))
        text(time, into: &hasher)
        text(actor, into: &hasher)
        text(verb, into: &hasher)
        text(apiVersion, into: &hasher)
        text(kind, into: &hasher)
        text(namespace, into: &hasher)
        text(name, into: &hasher)
        text(uid, into: &hasher)
        if let object { hasher.update(byte: 1); text(object, into: &hasher) } else { hasher.update(byte: 0) }
        if let cause { hasher.update(byte: 1); hasher.update(bigEndian: UInt64(bitPattern: cause)) } else { hasher.update(byte: 0) }
        return hasher.finalize()
    }

    /// The hash of `event` chained onto `previous`, as lowercase hex.
    public static func hex(of event: LogEvent, previous: [UInt8]) -> String {
        SHA256.hex(compute(previous: previous, seq: event.seq, time: event.time, actor: event.actor,
                           verb: event.verb.rawValue, apiVersion: event.apiVersion, kind: event.kind,
                           namespace: event.namespace, name: event.name, uid: event.uid, object: event.object,
                           cause: event.cause))
    }

    /// Whether `hex` is `digest` in lowercase hexadecimal (as `SHA256.hex` writes it), without building
    /// the hex string.
    static func digest(_ digest: [UInt8], isHex hex: String) -> Bool {
        @inline(__always) func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble }
        let matches = hex.utf8.withContiguousStorageIfAvailable { text -> Bool in
            guard text.count == digest.count * 2 else { return false }
            for (index, byte) in digest.enumerated()
            where text[2 * index] != digit(byte >> 4) || text[2 * index + 1] != digit(byte & 0x0f) {
                return false
            }
            return true
        }
        return matches ?? (SHA256.hex(digest) == hex)
    }

    private static func text(_ value: String, into hasher: inout SHA256) {
        hasher.update(bigEndian: UInt32(value.utf8.count))
        hasher.update(value)
    }
}

/// Where the stored hash chain first disagrees with the events (nil `brokenAt` when it is intact).
public struct HashChainReport: Sendable, Equatable {
    public var eventsChecked: Int64
    /// The first event whose stored hash is missing or is not the hash of its fields and predecessor.
    public var brokenAt: Int64?
    /// The hash of the newest event (hex), or "" for an empty log.
    public var head: String
    public var isIntact: Bool { brokenAt == nil }
}

extension Store {
    /// The stored hash of the event at `seq` as bytes; the genesis value for seq 0 (before the first event).
    func storedHash(at seq: Int64) throws -> [UInt8] {
        try HashChainCursor.storedHash(at: seq, path: path) { try connection.scalar($0, $1) }
    }

    /// The stored hash (hex) of the event at `seq`, or nil when there is none.
    public func eventHash(at seq: Int64) throws -> String? {
        try connection.scalar("SELECT hash FROM events WHERE seq = ?", [.int(seq)])?.text
    }

    /// Computes the hashes of events written before the hash chain existed (schema version 5), oldest
    /// first, in one transaction. Nothing to do when the newest event already has its hash.
    func fillMissingHashes() throws {
        guard let newest = try connection.query("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").first,
              newest[1] == .null else { return }
        try connection.writeTransaction {
            let first = try connection.scalar("SELECT min(seq) FROM events WHERE hash IS NULL")?.int ?? 1
            var previous = try first > 1 ? storedHash(at: first - 1) : EventHash.genesis
            let rows = try connection.prepare(
                "SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause FROM events WHERE seq >= ? ORDER BY seq")
            try rows.bind([.int(first)])
            let update = try connection.prepare("UPDATE events SET hash = ? WHERE seq = ?")
            while let row = try rows.step() {
                let event = Store.event(from: row)
                previous = EventHash.compute(previous: previous, seq: event.seq, time: event.time, actor: event.actor,
                                             verb: row[3].text ?? "", apiVersion: event.apiVersion, kind: event.kind,
                                             namespace: event.namespace, name: event.name, uid: event.uid,
                                             object: event.object, cause: event.cause)
                update.reset()
                try update.bind([.text(SHA256.hex(previous)), .int(event.seq)])
                while try update.step() != nil {}
            }
        }
    }

    /// Recomputes the whole chain from the events and compares it with the stored hashes.
    public func verifyHashChain() throws -> HashChainReport {
        try connection.readTransaction {
            let rows = try connection.prepare(
                "SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause, hash FROM events ORDER BY seq")
            var previous = EventHash.genesis, checked: Int64 = 0, head = ""
            while let row = try rows.step() {
                let event = Store.event(from: row)
                let computed = SHA256.hex(EventHash.compute(
                    previous: previous, seq: event.seq, time: event.time, actor: event.actor, verb: row[3].text ?? "",
                    apiVersion: event.apiVersion, kind: event.kind, namespace: event.namespace, name: event.name,
                    uid: event.uid, object: event.object, cause: event.cause))
                checked += 1
                guard row[11].text == computed, event.seq == checked else {
                    return HashChainReport(eventsChecked: checked, brokenAt: event.seq, head: head)
                }
                head = computed
                previous = SHA256.bytes(hex: computed) ?? EventHash.genesis
            }
            return HashChainReport(eventsChecked: checked, brokenAt: nil, head: head)
        }
    }
}

/// Where `Store.append` chains the next event: the newest event it hashed, so the next one chains onto it
/// without reading it back. The hash runs where the event's row is inserted (`Connection.runBehind`): on
/// the write-behind thread while the store writes behind, at once otherwise.
///
/// Its event is the one before the next only when no other writer came between: `Store.write` forgets it
/// at the start of each transaction (unless writing behind, where the store is the only writer). A
/// rollback needs no care: the events it removes were hashed here, so the next seq is at most the
/// newest hashed one, and the hash it chains onto is read back from the log.
///
/// `@unchecked Sendable`: one thread at a time uses it, the one running the store's inserts.
final class HashChainCursor: @unchecked Sendable {
    private let path: String
    private var seq: Int64 = -1
    private var hash: [UInt8] = []

    init(path: String) { self.path = path }

    /// The hash of the event before `seq`.
    func previous(before seq: Int64, _ statements: DirectStatements) throws(SQLiteError) -> [UInt8] {
        if self.seq == seq - 1 { return hash }
        do {
            return try HashChainCursor.storedHash(at: seq - 1, path: path) { try statements.scalar($0, $1) }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: 11, message: "\(error)")  // SQLITE_CORRUPT
        }
    }

    /// `seq` was hashed to `hash`.
    func note(seq: Int64, hash: [UInt8]) {
        self.seq = seq
        self.hash = hash
    }

    func forget() { seq = -1 }

    /// The stored hash of the event at `seq` as bytes, read with `scalar`; the genesis value for seq 0.
    static func storedHash(at seq: Int64, path: String,
                           scalar: (String, [SQLValue]) throws -> SQLValue?) throws -> [UInt8] {
        guard seq > 0 else { return EventHash.genesis }
        guard let text = try scalar("SELECT hash FROM main.events WHERE seq = ?", [.int(seq)])?.text,
              let bytes = SHA256.bytes(hex: text), bytes.count == 32 else {
            throw StoreError("event \(seq) has no valid hash: the hash chain of \(path) is damaged; run `logbook replay --verify`")
        }
        return bytes
    }
}
