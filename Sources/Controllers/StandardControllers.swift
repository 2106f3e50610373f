import Foundation
import Store

/// The controllers `logbook` runs, in their fixed order (the order is part of what makes replay exact).
public enum StandardControllers {
    public static func all() -> [any Reconciler] {
        [
            DeploymentController(), ReplicaSetController(), GarbageCollector(), SchedulerController(), KubeletController(),
            NodeLifecycleController(),
        ]
    }
}

/// Makes sure only one process runs controllers on a database at a time: a second one waits for the
/// first to finish (an advisory `flock` on `<db>.controllers.lock`).
public final class ControllerLock {
    private let descriptor: Int32

    public init(databasePath: String) throws {
        descriptor = open(databasePath + ".controllers.lock", O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw StoreError("cannot open \(databasePath).controllers.lock to coordinate controllers: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX) == 0 else {
            close(descriptor)
            throw StoreError("cannot lock \(databasePath).controllers.lock: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
