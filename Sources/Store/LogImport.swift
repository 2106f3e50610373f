import Foundation
import SQLiteKit
import Model
import Determinism

/// A problem with an export file, naming the first bad line; nothing was written.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(file) line \(line): \(message)" : "\(file): \(message)" }
}

/// What `importLog` wrote.
public struct ImportSummary: Sendable, Equatable {
    public var events: Int64
    public var firstSeq: Int64
    public var lastSeq: Int64
    /// The hash of the newest event (hex).
    public var head: String
}

extension Store {
    /// Reads an export (`exportLog`) and writes its events into `target`, rebuilding the projections as
    /// live appends do and setting the controller cursor to the end. Every line is checked first: the
    /// header, contiguous increasing seqs, the hash chain and each object; the first problem throws an
    /// `ImportError` naming its line and nothing is written.
    ///
    /// A whole export (`since` 0) goes into a new database: `target` must not exist or be empty; the
    /// database is built beside it and renamed into place at the end. A partial export (`--since N`)
    /// continues an existing database whose newest event is seq N with the hash the header names.
    @discardableResult
    public static func importLog(from file: String, into target: String) throws -> ImportSummary {
        let reader = try LineReader(path: file)
        guard let first = reader.next() else { throw ImportError(file: file, line: 0, message: "the file is empty: missing header") }
        let header = try ExportReader.header(first, file: file)
        let partial = header.since > 0
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: target)
        let size = (try? fileManager.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        var store: Store?
        var building: String?
        if partial {
            guard exists, size > 0 else {
                throw StoreError("\(file) is a partial export (events after seq \(header.since)); it continues an existing database, and \(target) does not exist")
            }
            let existing = try Store(path: target, readOnly: false)
            let head = try existing.lastSeq(), headHash = try existing.eventHash(at: head) ?? "none"
            guard head == header.since, headHash == header.previousHash else {
                throw StoreError("\(file) continues a log at seq \(header.since) with hash \(header.previousHash.prefix(12))…, but \(target) ends at seq \(head) with hash \(headHash.prefix(12))…: they are not the same history")
            }
            store = existing
        } else {
            guard !exists || size == 0 else {
                throw StoreError("\(target) already exists and is not empty; import writes only into a new database (choose another --into)")
            }
            let temporary = target + ".importing-\(ProcessInfo.processInfo.processIdentifier)"
            for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: temporary + suffix) }
            building = temporary
            store = try Store(path: temporary, readOnly: false)
            // A file nobody else sees yet, removed on failure: a rollback journal in memory, one fsync at
            // the end (appended pages need no journal, so the one big transaction stays cheap).
            _ = try store!.connection.query("PRAGMA journal_mode=MEMORY")
            try store!.connection.execute("PRAGMA synchronous=OFF")
            // The index on events takes inserts in object order, not seq order: keep its pages in memory.
            try store!.connection.execute("PRAGMA cache_size=-262144")
        }
        do {
            var checker = ExportReader(file: file, header: header)
            let summary = try store!.connection.writeTransaction { () throws -> ImportSummary in
                let writer = try ImportWriter(store: store!)
                let pipeline = ImportPipeline(reader: reader, previous: checker.previous)
                pipeline.start()
                defer { pipeline.cancel() }
                while var batch = pipeline.next() {
                    for index in batch.indices {
                        switch ImportPipeline.take(index, from: &batch) {
                        case .prepared(let prepared, let lineNumber):
                            try writer.append(try checker.check(prepared, lineNumber: lineNumber))
                        case .raw(let line, let lineNumber):
                            try writer.append(try checker.check(line, lineNumber: lineNumber))
                        }
                    }
                }
                try checker.finish(lineNumber: pipeline.lastLineNumber)
                try writer.finish()
                try store!.connection.run("INSERT OR REPLACE INTO controller_cursor(id, seq) VALUES (1, ?)", [.int(checker.lastSeq)])
                return ImportSummary(events: checker.count, firstSeq: header.firstSeq, lastSeq: checker.lastSeq,
                                     head: SHA256.hex(checker.previous))
            }
            _ = try store!.connection.query("PRAGMA journal_mode=WAL")
            store = nil // closes the database (checkpointing its WAL) before it is moved into place
            guard let building else { return summary }
            if let file = FileHandle(forUpdatingAtPath: building) { try file.synchronize(); try file.close() }
            if exists { try fileManager.removeItem(atPath: target) }
            try fileManager.moveItem(atPath: building, toPath: target)
            return summary
        } catch {
            store = nil
            if let building {
                for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: building + suffix) }
            }
            throw error
        }
    }
}

/// Reads a file one line at a time (`getline`), without loading it whole.
final class LineReader {
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var lineNumber = 0

    init(path: String) throws {
        guard let handle = fopen(path, "r") else {
            throw StoreError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
    }

    deinit {
        free(buffer)
        fclose(handle)
    }

    /// The next line's bytes without its newline, or nil at the end of the file.
    func next() -> [UInt8]? {
        let length = getline(&buffer, &capacity, handle)
        guard length >= 0, let buffer else { return nil }
        lineNumber += 1
        var count = length
        if count > 0, buffer[count - 1] == 0x0a { count -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
}
