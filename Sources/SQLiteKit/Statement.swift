import CSQLite

/// A value SQLite stores.
public enum SQLValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    public var int: Int64? {
        switch self {
        case .int(let v): return v
        case .double(let d): return Int64(d)
        case .text(let s): return Int64(s)
        default: return nil
        }
    }

    public var text: String? {
        switch self {
        case .text(let s): return s
        case .int(let v): return String(v)
        case .double(let d): return String(d)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return nil
        }
    }

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .int(let v): return String(v)
        case .double(let d): return String(d)
        case .text(let s): return s
        case .blob(let b): return "<\(b.count) bytes>"
        }
    }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(nilLiteral: ()) { self = .null }
    /// `.text` for a string, `.null` for nil.
    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    /// `.int` for a number, `.null` for nil.
    public init(_ int: Int64?) { self = int.map { .int($0) } ?? .null }
}

/// One result row: values by column position, with names.
public struct Row: Sendable {
    public var columns: [String]
    public var values: [SQLValue]

    public subscript(index: Int) -> SQLValue { values[index] }
    public subscript(name: String) -> SQLValue {
        guard let i = columns.firstIndex(of: name) else { return .null }
        return values[i]
    }
}

/// A prepared statement.
public final class Statement {
    let handle: OpaquePointer
    unowned let connection: Connection
    public let sql: String
    public private(set) lazy var columnNames: [String] = (0..<sqlite3_column_count(handle)).map {
        String(cString: sqlite3_column_name(handle, $0))
    }

    init(connection: Connection, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw connection.error(sql: sql, code: rc) }
        handle = statement
        self.connection = connection
        self.sql = sql
    }

    /// The bytes of the bound texts and blobs (see `bind`).
    private var arguments = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 8)
    private var argumentCapacity = 256

    deinit {
        sqlite3_finalize(handle)
        arguments.deallocate()
    }

    /// Whether the statement only reads (SQLite's own judgement).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds positional arguments (1-based in SQL, 0-based here).
    ///
    /// Texts and blobs are copied into the statement's own buffer, reused from one use to the next, and
    /// bound from there without SQLite copying them again (`SQLITE_STATIC`): no allocation per argument.
    /// The buffer stays as it is until the next `bind`, which rebinds every argument.
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        var bytes = 0
        for value in values {
            switch value {
            case .text(let s): bytes += s.utf8.count
            case .blob(let b): bytes += b.count
            default: break
            }
        }
        reserveArguments(bytes)
        var offset = 0
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .int(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .double(let d): rc = sqlite3_bind_double(handle, index, d)
            case .text(let s):
                let start = arguments + offset
                let count = copyUTF8(of: s, to: start)
                offset += count
                // A non-null pointer even when empty, so SQLite stores an empty text rather than NULL.
                rc = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil)
            case .blob(let b):
                let start = arguments + offset
                b.withUnsafeBytes { if let base = $0.baseAddress { start.copyMemory(from: base, byteCount: b.count) } }
                offset += b.count
                rc = sqlite3_bind_blob(handle, index, start, Int32(b.count), nil)
            }
            guard rc == SQLITE_OK else { throw connection.error(sql: sql, code: rc) }
        }
    }

    /// Makes the argument buffer hold at least `bytes`; when it must move, SQLite first forgets the
    /// pointers into the old one.
    private func reserveArguments(_ bytes: Int) {
        guard bytes > argumentCapacity else { return }
        sqlite3_clear_bindings(handle)
        arguments.deallocate()
        argumentCapacity = max(bytes, argumentCapacity * 2)
        arguments = .allocate(byteCount: argumentCapacity, alignment: 8)
    }

    /// Copies a string's UTF-8 bytes to `destination`; returns how many.
    private func copyUTF8(of text: String, to destination: UnsafeMutableRawPointer) -> Int {
        let copy = { (bytes: UnsafeBufferPointer<UInt8>) -> Int in
            if let base = bytes.baseAddress { destination.copyMemory(from: base, byteCount: bytes.count) }
            return bytes.count
        }
        if let count = text.utf8.withContiguousStorageIfAvailable(copy) { return count }
        var text = text
        return text.withUTF8(copy)
    }

    /// Steps once: the next row, or nil when done.
    public func step() throws(SQLiteError) -> Row? {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW:
            let count = sqlite3_column_count(handle)
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for i in 0..<count { values.append(column(i)) }
            return Row(columns: columnNames, values: values)
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return nil
        default:
            let error = connection.error(sql: sql, code: sqlite3_extended_errcode(connection.handle))
            sqlite3_reset(handle)
            throw error
        }
    }

    func column(_ i: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard let pointer = sqlite3_column_text(handle, i) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard let pointer = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }
}
