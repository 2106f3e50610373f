// Logbook's speed targets, measured through its own API (release build):
//
//   swift run -c release logbook-bench [all|writes|batch|rebuild|get] [--events N] [--db PATH]
//
// Prints one line per figure; BENCHMARKS.md records them with this command.
import Foundation
import Model
import Store
import Determinism

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
    let elapsed = try seconds { for i in 0..<count { _ = try store.create(pod(i)) } }
    print(String(format: "durable single-event writes: %d in %.2f s = %.0f events/s", count, elapsed, Double(count) / elapsed))
}

/// Batched writes: 1,000 creates per transaction.
func benchBatch(count: Int) throws {
    let store = try Store.open(path: freshDatabase("batch"), mode: .write)
    let elapsed = try seconds {
        for start in stride(from: 0, to: count, by: 1000) {
            try store.write { for i in start..<min(start + 1000, count) { _ = try store.create(pod(i)) } }
        }
    }
    print(String(format: "batched writes (1,000 per transaction): %d in %.2f s = %.0f events/s", count, elapsed, Double(count) / elapsed))
}

/// Builds a log of `count` events: pods created, patched and deleted, in batches.
func buildLog(path: String, count: Int) throws -> Store {
    let store = try Store.open(path: path, mode: .write)
    var written = Int(try store.lastSeq())
    var index = 0
    while written < count {
        try store.write {
            for _ in 0..<1000 where written < count {
                let name = "pod-\(index % 50_000)"
                if try store.fetch(.pod, namespace: "default", name: name) == nil {
                    _ = try store.create(pod(index % 50_000))
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
func benchRebuild(path: String, count: Int) throws {
    let store: Store
    if FileManager.default.fileExists(atPath: path), let existing = try? Store.open(path: path, mode: .write),
       try existing.lastSeq() >= Int64(count) {
        store = existing
    } else {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        print("building a log of \(count) events in \(path)...")
        store = try buildLog(path: path, count: count)
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
    if which == "all" || which == "rebuild" { try benchRebuild(path: db, count: events) }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
