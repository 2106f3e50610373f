import Foundation
import Store

/// `logbook demo`: the README's main job, run on a fresh temporary database.
enum DemoCommand: Command {
    static let name = "demo"
    static let abstract = "Run a guided tour on a fresh temporary database"
    static let usage = """
        Usage: logbook demo [--examples DIR] [--keep]

        Applies the manifests in Examples/, waits for the rollout in simulated time, rolls to a new image
        and back, pauses and resumes, fails a node and watches its pods move; then a rollout goes wrong and
        the tour finds out why with SQL, --at, explain, an exported bug report and a re-run that reproduces
        it. Each step prints the command it runs.
        """
    static let flags: [Flag] = [
        Flag("examples", value: "DIR", help: "Where the example manifests are (default: Examples/ here or above the binary)"),
        Flag("keep", help: "Keep the demo database and print its path"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let examples = arguments.value("examples") ?? findExamples() else {
            throw UsageError("cannot find the Examples folder: run from the repository, or pass --examples DIR")
        }
        let folder = try ScratchFolder.make(prefix: "logbook-demo")
        let db = folder.appendingPathComponent("demo.db").path
        defer { if !arguments.bool("keep") { try? FileManager.default.removeItem(at: folder) } }

        let image = #"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}"#
        let steps: [[String]] = [
            ["init", "--seed", "42"],
            ["apply", "-f", examples],
            ["get", "all"],
            ["rollout", "status", "deployment/web"],
            ["get", "pods", "-o", "wide"],
            ["apply", "-f", "\(examples)/web.yaml"],
            ["set", "image", "deployment/web", "nginx=nginx:1.25"],
            ["rollout", "status", "deployment/web"],
            ["log", "--kind", "ReplicaSet"],
            ["get", "replicasets"],
            ["annotate", "deployment/web", "kubernetes.io/change-cause=upgrade to nginx 1.25", "--overwrite"],
            ["rollout", "history", "deployment/web"],
            ["rollout", "history", "deployment/web", "--diff"],
            ["rollout", "undo", "deployment/web"],
            ["rollout", "status", "deployment/web"],
            ["rollout", "pause", "deployment/web"],
            ["patch", "deployment", "web", "-p", image],
            ["get", "replicasets"],
            ["rollout", "resume", "deployment/web"],
            ["rollout", "status", "deployment/web"],
            ["node", "fail", "node-1"],
            ["advance", "6m"],
            ["get", "nodes"],
            ["get", "pods", "-o", "wide"],
            ["node", "recover", "node-1"],
            ["advance", "1m"],
            ["describe", "deployment", "web"],
            ["label", "deployment", "web", "tier=frontend"],
            ["delete", "configmap", "web-config"],
            ["verify"],
        ]
        for step in steps { guard try run(step, db: db, context) else { return 1 } }
        try troubleshoot(db: db, folder: folder, context)
        if arguments.bool("keep") { context.out("\nThe demo database is kept at \(db)\n") }
        return 0
    }

    /// Runs one step, printing it first; false (after saying so) when it fails unexpectedly.
    static func run(_ step: [String], db: String, _ context: CommandContext, expectFailure: Bool = false) throws -> Bool {
        let shown = step.map { $0.contains(" ") || $0.contains("{") || $0.contains("*") ? "'\($0)'" : $0 }
            .joined(separator: " ")
        context.out("\n$ logbook \(shown)\n")
        let code = Logbook.run(step + ["--db", db], environment: context.environment, output: context.output)
        if (code != 0) != expectFailure {
            context.err("demo step \(expectFailure ? "should have failed" : "failed"): logbook \(shown)\n")
            return false
        }
        return true
    }

    /// The second half: a rollout that goes wrong, and the tools for finding out why: SQL, `--at`,
    /// `explain`, an exported bug report, and a re-run that reproduces it.
    static func troubleshoot(db: String, folder: URL, _ context: CommandContext) throws {
        let before = try Store.open(path: db, mode: .read).lastSeq()
        let broken = #"{"spec":{"progressDeadlineSeconds":60,"template":{"metadata":{"annotations":{"sim.logbook.dev/ready":"never"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}"#
        let steps: [([String], Bool)] = [
            (["sql", "SELECT phase, count(*) AS pods FROM pods GROUP BY phase"], false),
            (["patch", "deployment", "web", "-p", broken], false),
            (["rollout", "status", "deployment/web", "--timeout=5m"], true),
            (["get", "deployment", "web"], false),
            (["get", "deployment", "web", "--at", String(before)], false),
            (["sql", "SELECT name, phase, ready, node FROM pods ORDER BY name"], false),
            (["rollout", "undo", "deployment/web"], false),
            (["rollout", "status", "deployment/web"], false),
        ]
        for (step, failing) in steps { guard try run(step, db: db, context, expectFailure: failing) else { return } }

        // The pod that never became ready, traced back to the request that made it.
        let store = try Store.open(path: db, mode: .read)
        if let stuck = try store.readEvents(EventFilter(kind: "Pod", since: before)).first(where: { $0.verb == .create }) {
            guard try run(["explain", "pod/\(stuck.name)"], db: db, context) else { return }
        }
        // A bug report is one file: export, import elsewhere, and re-run it through today's controllers.
        let report = folder.appendingPathComponent("bug-report.jsonl").path
        let exported = Output(passThrough: false)
        context.out("\n$ logbook export > bug-report.jsonl\n")
        guard Logbook.run(["export", "--db", db], environment: context.environment, output: exported) == 0 else {
            context.err(exported.standardError)
            return
        }
        try exported.standardOutput.write(toFile: report, atomically: true, encoding: .utf8)
        context.out("(\(exported.standardOutput.split(separator: "\n").count) lines)\n")
        let copy = folder.appendingPathComponent("imported.db").path
        guard try run(["import", report, "--into", copy], db: db, context),
              try run(["replay", "--rerun", copy], db: db, context),
              try run(["verify"], db: db, context) else { return }
    }

    /// `Examples/` in the working directory or one of its parents, or above the executable.
    static func findExamples() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path)
        for start in candidates {
            var url = URL(fileURLWithPath: start)
            for _ in 0..<6 {
                let examples = url.appendingPathComponent("Examples")
                if FileManager.default.fileExists(atPath: examples.appendingPathComponent("web.yaml").path) {
                    return examples.path == FileManager.default.currentDirectoryPath + "/Examples" ? "Examples" : examples.path
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }
}
