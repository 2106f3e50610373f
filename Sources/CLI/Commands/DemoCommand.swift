import Foundation

/// `logbook demo`: the README's main job, run on a fresh temporary database.
enum DemoCommand: Command {
    static let name = "demo"
    static let abstract = "Run a guided tour on a fresh temporary database"
    static let usage = """
        Usage: logbook demo [--examples DIR] [--keep]

        Applies the manifests in Examples/, waits for the rollout in simulated time, rolls to a new image
        and back, pauses and resumes, fails a node and watches its pods move, then verifies the projections
        against the log. Each step prints the command it runs.
        """
    static let flags: [Flag] = [
        Flag("examples", value: "DIR", help: "Where the example manifests are (default: Examples/ here or above the binary)"),
        Flag("keep", help: "Keep the demo database and print its path"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let examples = arguments.value("examples") ?? findExamples() else {
            throw UsageError("cannot find the Examples folder: run from the repository, or pass --examples DIR")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-demo-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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
        for step in steps {
            let shown = step.map { $0.contains(" ") || $0.contains("{") ? "'\($0)'" : $0 }.joined(separator: " ")
            context.out("\n$ logbook \(shown)\n")
            let code = Logbook.run(step + ["--db", db], environment: context.environment, output: context.output)
            if code != 0 {
                context.err("demo step failed: logbook \(shown)\n")
                return code
            }
        }
        if arguments.bool("keep") { context.out("\nThe demo database is kept at \(db)\n") }
        return 0
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
