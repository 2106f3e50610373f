// Logbook's speed targets, measured through its own API (release build):
//
//   logbook-bench writes | batch
//   logbook-bench rebuild [--events N] [--pods N] [--db PATH]     (builds the log once, then verifies it)
//   logbook-bench scale --nodes N --deployments N --replicas N   (all controllers; all pods Ready)
//   logbook-bench rollout --replicas N                            (one rolling update to completion)
//
// Build it with `swift build -c release --scratch-path .build-release`.
// Prints one line per figure; BENCHMARKS.md records them with this command.
import Foundation
import Model
import Store
import Determinism
import Controllers

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func freshDatabase(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-bench-\(name).db").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    return path
}

func pod(_ index: Int, namespace: String = "default") -> JSONValue {
    [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": .string("pod-\(index)"), "namespace": .string(namespace), "labels": ["app": "bench", "shard": .string(String(index % 10))]],
        "spec": ["containers": [["name": "app", "image": "nginx:1.25", "ports": [["containerPort": 80]],
                                 "resources": ["requests": ["cpu": "100m", "memory": "128Mi"]]]]],
    ]
}

/// Durable single-event writes: one create per transaction, each fsynced.
func benchWrites(count: Int) throws {
    let store = try Store.open(path: freshDatabase("writes"), mode: .write)
    let requests = (0..<count).map { pod($0) }
    let elapsed = try seconds { for request in requests { _ = try store.create(request) } }
    print(String(format: "durable single-event writes: %d in %.2f s = %.0f events/s", count, elapsed, Double(count) / elapsed))
}

/// Batched writes: 1,000 creates per transaction.
func benchBatch(count: Int) throws {
    let store = try Store.open(path: freshDatabase("batch"), mode: .write)
    // The requests are built before the clock starts: what is measured is Logbook's work on them.
    let requests = (0..<count).map { pod($0) }
    let elapsed = try seconds {
        for start in stride(from: 0, to: count, by: 1000) {
            try store.write { for i in start..<min(start + 1000, count) { _ = try store.create(requests[i]) } }
        }
    }
    print(String(format: "batched writes (1,000 per transaction): %d in %.2f s = %.0f events/s", count, elapsed, Double(count) / elapsed))
}

/// The scalability envelope: `nodes` simulated nodes, `deployments` Deployments of `replicas` each,
/// created, scheduled, Running and Ready with every controller running.
func benchScale(nodes: Int, deployments: Int, replicas: Int) throws {
    let path = freshDatabase("scale-\(nodes)-\(deployments)x\(replicas)")
    let store = try Store.create(path: path, settings: .init(seed: 1, start: Store.Settings.defaults.start, nodes: nodes))
    let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
    let pods = deployments * replicas
    var readyAt = 0.0
    let elapsed = try seconds {
        try store.write {
            for index in 0..<deployments {
                let name = "app-\(index)"
                _ = try store.create([
                    "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
                    "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                             "template": ["metadata": ["labels": ["app": .string(name)]],
                                          "spec": ["containers": [["name": "app", "image": "nginx:1.25",
                                                                   "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]]]]],
                ])
            }
        }
        try engine.settle()
        readyAt = Double(DispatchTime.now().uptimeNanoseconds)
    }
    let ready = try store.list(.deployment).filter { $0[path: ["status", "readyReplicas"]]?.intValue == replicas }.count
    print(String(format: "scale: %d nodes, %d pods (%d Deployments x %d): %.1f s to all Running and Ready (%d/%d Deployments ready), %lld events, peak memory %.0f MiB",
                 nodes, pods, deployments, replicas, elapsed, ready, deployments, try store.lastSeq(), peakMemoryMiB()))
    _ = readyAt
}

/// A rolling update of one Deployment of `replicas` pods to a new image, to completion.
func benchRollout(replicas: Int) throws {
    let path = freshDatabase("rollout-\(replicas)")
    let nodes = max(3, replicas / 100)
    let store = try Store.create(path: path, settings: .init(seed: 1, start: Store.Settings.defaults.start, nodes: nodes))
    let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
    _ = try store.create([
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "big"],
        "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": "big"]],
                 "template": ["metadata": ["labels": ["app": "big"]],
                              "spec": ["containers": [["name": "app", "image": "nginx:1.24"]]]]],
    ])
    try engine.settle()
    let elapsed = try seconds {
        _ = try store.patch(.deployment, namespace: "default", name: "big",
                            patch: ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "nginx:1.25"]]]]]],
                            type: .strategic)
        try engine.settle()
        // As `rollout status` does: let simulated time pass to each timer until the rollout completes.
        while true {
            let d = try store.get(.deployment, namespace: "default", name: "big")
            let done = d[path: ["status", "updatedReplicas"]]?.intValue == replicas
                && d[path: ["status", "availableReplicas"]]?.intValue == replicas
                && d[path: ["status", "replicas"]]?.intValue == replicas
            guard !done, let due = try engine.nextDue() else { break }
            let now = try store.now()
            try engine.advance(seconds: max(due - now, 1), context: .user)
        }
    }
    let d = try store.get(.deployment, namespace: "default", name: "big")
    print(String(format: "rolling update of %d replicas: %.1f s wall, %lld s simulated (updated %d, available %d), peak memory %.0f MiB",
                 replicas, elapsed, try store.now() - store.settings.start, d[path: ["status", "updatedReplicas"]]?.intValue ?? 0,
                 d[path: ["status", "availableReplicas"]]?.intValue ?? 0, peakMemoryMiB()))
}

/// Builds a log of `count` events: pods (`names` distinct names) created, patched and deleted, in batches.
func buildLog(path: String, count: Int, names: Int) throws -> Store {
    let store = try Store.open(path: path, mode: .write)
    var written = Int(try store.lastSeq())
    var index = 0
    while written < count {
        try store.write {
            for _ in 0..<1000 where written < count {
                let name = "pod-\(index % names)"
                if try store.fetch(.pod, namespace: "default", name: name) == nil {
                    _ = try store.create(pod(index % names))
                } else if index % 7 == 0 {
                    try store.delete(.pod, namespace: "default", name: name)
                } else {
                    _ = try store.patch(.pod, namespace: "default", name: name,
                                        patch: ["metadata": ["annotations": ["n": .string(String(index))]]], type: .merge)
                }
                written += 1
                index += 1
            }
        }
    }
    return store
}

/// Rebuilding every projection from the log (what `verify` does).
func benchRebuild(path: String, count: Int, names: Int) throws {
    let store: Store
    if FileManager.default.fileExists(atPath: path), let existing = try? Store.open(path: path, mode: .write),
       try existing.lastSeq() >= Int64(count) {
        store = existing
    } else {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        print("building a log of \(count) events in \(path)...")
        store = try buildLog(path: path, count: count, names: names)
    }
    var report: VerifyReport?
    let elapsed = try seconds { report = try store.verify() }
    let events = Double(report!.eventsReplayed)
    print(String(format: "rebuild (verify) of %.0f events: %.2f s = %.0f events/s, %d objects, clean: %@, peak memory %.0f MiB",
                 events, elapsed, events / elapsed, report!.objectsRebuilt, report!.isClean ? "yes" : "no", peakMemoryMiB()))
}

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let which = arguments.first.flatMap { $0.hasPrefix("--") ? nil : $0 } ?? "all"
let events = Int(option("--events") ?? "") ?? 1_000_000
let db = option("--db") ?? FileManager.default.temporaryDirectory.appendingPathComponent("logbook-bench-1m.db").path

do {
    if which == "all" || which == "writes" { try benchWrites(count: 5_000) }
    if which == "all" || which == "batch" { try benchBatch(count: 200_000) }
    if which == "all" || which == "rebuild" {
        try benchRebuild(path: db, count: events, names: Int(option("--pods") ?? "") ?? 50_000)
    }
    if which == "scale" {
        let nodes = Int(option("--nodes") ?? "") ?? 50
        let deployments = Int(option("--deployments") ?? "") ?? 10
        let replicas = Int(option("--replicas") ?? "") ?? 100
        try benchScale(nodes: nodes, deployments: deployments, replicas: replicas)
    }
    if which == "rollout" { try benchRollout(replicas: Int(option("--replicas") ?? "") ?? 10_000) }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
