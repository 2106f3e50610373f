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

    deinit { sqlite3_finalize(handle) }

    /// Whether the statement only reads (SQLite's own judgement).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds positional arguments (1-based in SQL, 0-based here).
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .int(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .double(let d): rc = sqlite3_bind_double(handle, index, d)
            case .text(let s): rc = bindText(s, at: index)
            case .blob(let b):
                rc = b.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32(b.count), csqlite_transient()) }
            }
            guard rc == SQLITE_OK else { throw connection.error(sql: sql, code: rc) }
        }
    }

    /// Binds a string's UTF-8 bytes with their length, without the C-string copy that passing a `String`
    /// as `const char *` makes; SQLite copies them (`SQLITE_TRANSIENT`).
    private func bindText(_ text: String, at index: Int32) -> Int32 {
        let bind = { (bytes: UnsafeBufferPointer<UInt8>) -> Int32 in
            // "" through a real C string, so SQLite stores an empty text rather than NULL.
            guard let start = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(self.handle, index, "", 0, csqlite_transient())
            }
            return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(self.handle, index, $0, Int32(bytes.count), csqlite_transient())
            }
        }
        if let rc = text.utf8.withContiguousStorageIfAvailable(bind) { return rc }
        var text = text
        return text.withUTF8(bind)
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
