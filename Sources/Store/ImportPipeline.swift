import Foundation
import Model
import Admission
import Determinism

/// An event line in the export's layout, read ahead of its checks: its fields, its object (parsed whole
/// when it is created, a ReplicaSet or settings; otherwise only scanned for its identity) and, when
/// `ImportPipeline` read it, its hash chained onto the previous line's and a create's admission errors.
struct PreparedEvent: Sendable {
    var line: ExportLine
    var text: String?
    var object: JSONValue?
    var identity: ObjectIdentity?
    var computed: [UInt8]?
    var createErrors: [FieldError]?

    /// Nil when the line is not in the export's layout or its object is not one the scan or the parser
    /// accepts: the general path (`ExportReader.check`) then reports what is wrong with it.
    init?(line buffer: UnsafeBufferPointer<UInt8>) {
        guard let line = ExportLine(buffer) else { return nil }
        self.line = line
        guard let range = line.object else { return }
        let raw = UnsafeBufferPointer(rebasing: buffer[range])
        text = String(decoding: raw, as: UTF8.self)
        let verb = Verb(rawValue: line.verb)
        if verb != .create, verb?.isObjectChange == true, line.kind != ResourceKind.replicaSet.kind,
           let identity = ObjectIdentity.scan(raw) {
            self.identity = identity
            return
        }
        guard let object = try? JSONValue.parse(bytes: Array(raw)) else { return nil }
        self.object = object
        identity = ObjectIdentity(object)
    }
}

/// Reads and prepares an export's event lines on a second thread while the importing thread checks
/// and writes them, handing them over in batches, in order. The reading thread also computes the hash
/// chain (each line's hash onto the previous line's) and creates' admission errors; the importing
/// thread still makes every check, in line order, so the first problem reported is the same as a
/// one-thread import's. After a line it cannot prepare, it hands over the raw lines and computes nothing.
final class ImportPipeline: @unchecked Sendable {
    /// One line handed over: prepared, or raw for the general path.
    enum Item: Sendable {
        case prepared(PreparedEvent, lineNumber: Int)
        case raw([UInt8], lineNumber: Int)
    }

    private let reader: LineReader
    private let handoff = BatchHandoff<[Item]>(limit: ImportPipeline.queueLimit)
    /// The line number after the last line (set before the hand-over finishes).
    private(set) var lastLineNumber = 0
    /// The reading thread's own: the hash of the last prepared line; raw hand-over after a failure.
    private var previous: [UInt8]
    private var raw = false

    private static let batchSize = 1024, queueLimit = 8

    /// `reader` has read the header; `previous` is the hash the first event chains onto.
    init(reader: LineReader, previous: [UInt8]) {
        self.reader = reader
        self.previous = previous
    }

    func start() {
        let thread = Thread { self.produce() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in line order; nil after the last.
    func next() -> [Item]? {
        // The reading thread never finishes with an error: a line it cannot prepare is handed over raw.
        (try? handoff.take()) ?? nil
    }

    /// Moves the item at `index` out of `batch`, leaving an empty placeholder: unlike reading it, which
    /// copies it (retaining every string of the line only to release it again), this costs nothing.
    static func take(_ index: Int, from batch: inout [Item]) -> Item {
        var item = Item.raw([], lineNumber: 0)
        swap(&item, &batch[index])
        return item
    }

    /// Stops the reading thread (the import failed).
    func cancel() {
        handoff.cancel()
    }

    private func produce() {
        var batch: [Item] = []
        batch.reserveCapacity(ImportPipeline.batchSize)
        while let bytes = reader.next() {
            batch.append(prepare(bytes, lineNumber: reader.lineNumber))
            if batch.count == ImportPipeline.batchSize {
                guard handoff.put(batch) else { return }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty, !handoff.put(batch) { return }
        lastLineNumber = reader.lineNumber
        handoff.finish()
    }

    private func prepare(_ bytes: [UInt8], lineNumber: Int) -> Item {
        guard !raw, var prepared = bytes.withUnsafeBufferPointer({ PreparedEvent(line: $0) }) else {
            raw = true
            return .raw(bytes, lineNumber: lineNumber)
        }
        let line = prepared.line
        let computed = EventHash.compute(previous: previous, seq: Int64(line.seq), time: line.time, actor: line.actor,
                                         verb: line.verb, apiVersion: line.apiVersion, kind: line.kind,
                                         namespace: line.namespace, name: line.name, uid: line.uid,
                                         object: prepared.text, cause: line.cause.map(Int64.init))
        prepared.computed = computed
        previous = computed
        if line.verb == Verb.create.rawValue, let object = prepared.object, let kind = ResourceKind.named(line.kind),
           kind.apiVersion == line.apiVersion {
            prepared.createErrors = Admission.validateCreate(object, kind: kind).errors
            // Only a ReplicaSet's object is needed further on; the tree is freed here, where it was made.
            if kind != .replicaSet { prepared.object = nil }
        }
        return .prepared(prepared, lineNumber: lineNumber)
    }
}
