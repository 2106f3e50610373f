import CSQLite

/// A statement a person asked to run that a read-only query may not contain; nothing was run.
public struct QueryRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What SQLite's authorizer allows in a person's query: reading tables and views, calling functions, and
/// pragmas that only report. It refuses every write (even to temp tables), schema change, ATTACH/DETACH
/// (SQLite allows ATTACH of another file even on a read-only connection) and any pragma that sets a value
/// (`writable_schema`, `query_only`, ...), recording why.
final class ReadOnlyAuthorizer {
    var refusal: String?

    /// Pragmas that only report; those in `namePragmas` take a table or index name as their argument.
    static let reportingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "integrity_check", "quick_check", "database_list", "collation_list", "function_list",
        "module_list", "pragma_list", "compile_options", "user_version", "schema_version", "application_id",
        "page_count", "page_size", "freelist_count", "encoding", "journal_mode", "data_version",
    ]
    static let namePragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "integrity_check", "quick_check",
    ]

    /// Why `action` is refused, or nil to allow it.
    func judge(_ action: Int32, _ first: String?, _ second: String?) -> String? {
        let writes: Set<Int32> = [SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE]
        if writes.contains(action), first?.hasPrefix("sqlite_") == true { return "the statement changes the schema" }
        switch action {
        case SQLITE_READ, SQLITE_SELECT, SQLITE_RECURSIVE, SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return nil
        case SQLITE_FUNCTION:
            return second?.lowercased() == "load_extension" ? "load_extension() is not allowed" : nil
        case SQLITE_ATTACH, SQLITE_DETACH:
            return "ATTACH and DETACH are not allowed: a query reads only this database"
        case SQLITE_PRAGMA:
            let name = (first ?? "").lowercased()
            if second != nil, !ReadOnlyAuthorizer.namePragmas.contains(name) {
                return "PRAGMA \(name) = ... sets a value; only reading it is allowed"
            }
            guard ReadOnlyAuthorizer.reportingPragmas.contains(name) else {
                return "PRAGMA \(name) is not allowed (only pragmas that report, such as table_info, are)"
            }
            return nil
        case SQLITE_INSERT: return "INSERT into \(first ?? "a table") is a write"
        case SQLITE_UPDATE: return "UPDATE of \(first ?? "a table") is a write"
        case SQLITE_DELETE: return "DELETE from \(first ?? "a table") is a write"
        default: return "the statement changes the schema"
        }
    }
}

extension Connection {
    /// Prepares each statement of `sql` (a person's query, possibly several statements separated by `;`)
    /// to run read-only: refuses, before anything runs, a statement that SQLite's authorizer sees writing,
    /// attaching, or setting a pragma, and one that `sqlite3_stmt_readonly` says is not read-only (VACUUM,
    /// for one). Throws `QueryRefusal` naming the statement and the reason.
    public func prepareReadOnlyQuery(_ sql: String) throws -> [Statement] {
        // Splitting only compiles (runs nothing), so it needs no authorizer; each piece is then compiled under it.
        let texts = try splitStatements(sql)
        let authorizer = ReadOnlyAuthorizer()
        let box = Unmanaged.passUnretained(authorizer).toOpaque()
        sqlite3_set_authorizer(handle, { userData, action, first, second, _, _ in
            guard let userData else { return SQLITE_DENY }
            let authorizer = Unmanaged<ReadOnlyAuthorizer>.fromOpaque(userData).takeUnretainedValue()
            guard let refusal = authorizer.judge(action, first.map { String(cString: $0) },
                                                 second.map { String(cString: $0) }) else { return SQLITE_OK }
            if authorizer.refusal == nil { authorizer.refusal = refusal }
            return SQLITE_DENY
        }, box)
        defer { sqlite3_set_authorizer(handle, nil, nil); withExtendedLifetime(authorizer) {} }
        var statements: [Statement] = []
        for text in texts {
            do {
                let statement = try prepare(text)
                guard statement.isReadOnly else { throw QueryRefusal("refusing to run a statement that writes: \(text)") }
                statements.append(statement)
            } catch let error as SQLiteError {
                if let refusal = authorizer.refusal { throw QueryRefusal("refusing to run \(text): \(refusal)") }
                throw error
            }
        }
        return statements
    }

    /// The statements of `sql`, as SQLite's parser separates them (blank or comment-only parts dropped).
    func splitStatements(_ sql: String) throws(SQLiteError) -> [String] {
        var texts: [String] = []
        let bytes = Array(sql.utf8)
        try bytes.withUnsafeBufferPointer { (buffer) throws(SQLiteError) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let start = UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
                let rc = sqlite3_prepare_v2(handle, start, Int32(buffer.count - offset), &statement, &tail)
                guard rc == SQLITE_OK else { throw error(sql: sql, code: rc) }
                let end = tail.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? buffer.count
                if let statement {
                    texts.append(String(decoding: buffer[offset..<end], as: UTF8.self)
                        .trimmingWhitespaceAndSemicolons())
                    sqlite3_finalize(statement)
                }
                guard end > offset else { break }
                offset = end
            }
        }
        return texts
    }
}

extension String {
    func trimmingWhitespaceAndSemicolons() -> String {
        let skip: (Character) -> Bool = { $0.isWhitespace || $0 == ";" }
        guard let first = firstIndex(where: { !skip($0) }), let last = lastIndex(where: { !skip($0) }) else { return "" }
        return String(self[first...last])
    }
}
