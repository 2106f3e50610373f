import Foundation
import Model

/// Decoded objects by the seq of the event that holds them. A version never changes once written, so
/// an entry stays right for as long as its event exists; entries of a rolled-back transaction are
/// dropped (`forget(after:)`).
///
/// It holds the newest version of each object: a newer version pushes the older one out, and an older
/// version read later is handed back without being kept. Bounded: when full, the entries cached first
/// go first.
final class ObjectCache {
    /// An object's identity: kind, namespace and name.
    struct Identity: Hashable {
        var kind: String
        var namespace: String
        var name: String

        init(kind: String, namespace: String, name: String) {
            self.kind = kind; self.namespace = namespace; self.name = name
        }

        init(_ object: JSONValue) {
            self.init(kind: object["kind"]?.stringValue ?? "", namespace: object.namespace, name: object.name)
        }
    }

    struct Entry: Sendable {
        var object: JSONValue
        var identity: Identity
    }

    private var objects: [Int64: Entry] = [:]
    /// The seq of the newest cached version of each object.
    private var newest: [Identity: Int64] = [:]
    /// Seqs in the order they were cached (some already pushed out by newer versions).
    private var order: [Int64] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    subscript(seq: Int64) -> JSONValue? { objects[seq]?.object }

    /// Keeps `object`, the version at `seq`, unless a newer version of it is cached already. `identity`
    /// is read from the object when the caller does not know it.
    func insert(_ object: JSONValue, at seq: Int64, identity known: Identity? = nil) {
        let identity = known ?? Identity(object)
        if let previous = newest[identity] {
            if previous >= seq { return }
            objects[previous] = nil
        }
        newest[identity] = seq
        objects[seq] = Entry(object: object, identity: identity)
        order.append(seq)
        while objects.count > capacity, head < order.count {
            let oldest = order[head]
            head += 1
            if let evicted = objects.removeValue(forKey: oldest), newest[evicted.identity] == oldest {
                newest[evicted.identity] = nil
            }
        }
        if head > 4096, head * 2 > order.count { order.removeFirst(head); head = 0 }
    }

    /// Drops every entry with a seq above `seq` (their events were rolled back).
    func forget(after seq: Int64) {
        for key in objects.keys where key > seq { objects[key] = nil }
        for (identity, newestSeq) in newest where newestSeq > seq { newest[identity] = nil }
    }

    /// Empties the cache and hands back what it held, for freeing elsewhere (see `Store.takeCachedObjects`).
    func takeAll() -> CachedObjects {
        defer { objects = [:]; newest = [:]; order = []; head = 0 }
        return CachedObjects(objects: objects, newest: newest)
    }
}

/// What a store's object cache held, taken out of it to be freed on another thread.
final class CachedObjects: Sendable {
    let objects: [Int64: ObjectCache.Entry]
    let newest: [ObjectCache.Identity: Int64]

    init(objects: [Int64: ObjectCache.Entry], newest: [ObjectCache.Identity: Int64]) {
        self.objects = objects
        self.newest = newest
    }
}

extension Store {
    /// Empties the decoded-object cache (reads decode again afterwards) and frees what it held on a
    /// thread of its own: up to 200,000 objects take a while to free, which a command that is done with
    /// them need not wait for (and, when the process ends first, never does).
    public func dropCachedObjectsInBackground() {
        // Passed unretained to the thread, which releases the only reference: so the freeing happens
        // there, whichever thread finishes first.
        let held = Unmanaged.passRetained(cache.takeAll())
        Thread.detachNewThread { held.release() }
    }
}
