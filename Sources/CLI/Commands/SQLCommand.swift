import Model
import Store
import SQLiteKit

/// `logbook sql "QUERY"`: a read-only SQL query over the database file, its views and (with `--at`) its past.
enum SQLCommand: Command {
    static let name = "sql"
    static let abstract = "Run a read-only SQL query over the log, the projections and their views"
    static let usage = """
        Usage: logbook sql "QUERY" [-o table|json|csv] [--at SEQ|TIME] [flags]

        The database is opened read-only: statements that write, ATTACH/DETACH and pragmas that set a value are
        refused before anything runs. Views: pods, replicasets, deployments, statefulsets, services, endpoints,
        pvcs, pvs, nodes, k8s_events, log (also the events table), rollout_history (also the revisions table),
        live_objects. With --at the tables and views answer as of that point of the log.

        Examples:
          logbook sql "SELECT phase, count(*) AS pods FROM pods GROUP BY phase"
          logbook sql "SELECT name, node, restarts FROM pods WHERE ready = 0" -o json
          logbook sql "SELECT seq, actor, verb, kind, name FROM log WHERE cause IS NULL" -o csv
          logbook sql "SELECT name, image FROM deployments" --at 120
        """
    static let flags: [Flag] = [
        Flag("output", short: "o", value: "FORMAT", help: "table (default), json (an array of objects) or csv (RFC 4180)"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positional.count == 1 else {
            throw UsageError(arguments.positional.isEmpty ? "give one SQL query, in quotes"
                             : "give the SQL query as one argument, in quotes (got \(arguments.positional.count))")
        }
        let format = arguments.value("output") ?? "table"
        guard ["table", "json", "csv"].contains(format) else {
            throw UsageError("unknown output format \"\(format)\" for sql: use table, json or csv")
        }
        let store = try context.readStore()
        do {
            let statements = try store.connection.prepareReadOnlyQuery(arguments.positional[0])
            for (index, statement) in statements.enumerated() {
                try print(statement, format: format, first: index == 0, context)
            }
            return 0
        } catch let refusal as QueryRefusal {
            context.err("error: \(refusal.message) (logbook sql is read-only; the database was not changed)\n")
            return 1
        } catch let error as SQLiteError {
            context.err("error: \(error.message)\n")
            return 1
        }
    }

    /// Runs one statement and prints its rows (statements without result columns print nothing).
    static func print(_ statement: Statement, format: String, first: Bool, _ context: CommandContext) throws {
        var rows: [[SQLValue]] = []
        while let row = try statement.step() { rows.append(row.values) }
        let columns = statement.columnNames
        guard !columns.isEmpty else { return }
        switch format {
        case "json": context.out(QueryOutput.json(columns: columns, rows: rows))
        case "csv": context.out(QueryOutput.csv(columns: columns, rows: rows))
        default:
            if !first { context.out("\n") }
            if rows.isEmpty { context.err("No rows.\n") } else { context.out(QueryOutput.table(columns: columns, rows: rows)) }
        }
    }
}

/// The three ways `logbook sql` prints a result.
enum QueryOutput {
    /// kubectl's table layout: upper-case headers, columns padded to the widest cell plus three spaces.
    static func table(columns: [String], rows: [[SQLValue]]) -> String {
        TextTable.render([columns.map { $0.uppercased() }] + rows.map { $0.map(cell) })
    }

    /// One JSON array of objects, keys in column order; numbers stay numbers, NULL is null.
    static func json(columns: [String], rows: [[SQLValue]]) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        let keys = columns.map { JSONValue.string($0).canonicalString() }
        let objects = rows.map { row in
            "  {" + zip(keys, row).map { key, value in "\(key): \(jsonText(value))" }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// RFC 4180: a header record, CRLF line breaks, fields quoted when they hold a comma, quote or line break.
    static func csv(columns: [String], rows: [[SQLValue]]) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }
        let records = [columns.map(field)] + rows.map { $0.map { value in value == .null ? "" : field(value.description) } }
        return records.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }

    static func cell(_ value: SQLValue) -> String {
        switch value {
        case .null: return "<null>"
        case .text(let text): return text.isEmpty ? "<none>" : text.split(whereSeparator: \.isNewline).joined(separator: " ")
        default: return value.description
        }
    }

    static func jsonText(_ value: SQLValue) -> String {
        switch value {
        case .null: return "null"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? JSONValue.double(number).canonicalString() : "null"
        case .text(let text): return JSONValue.string(text).canonicalString()
        case .blob(let bytes): return JSONValue.string(bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()).canonicalString()
        }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
