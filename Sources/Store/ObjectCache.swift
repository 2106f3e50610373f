import Model

/// Decoded objects by the seq of the event that holds them. A version never changes once written, so
/// an entry stays right for as long as its event exists; entries of a rolled-back transaction are
/// dropped (`forget(after:)`). Bounded: the oldest entries go first.
final class ObjectCache {
    private var objects: [Int64: JSONValue] = [:]
    private var order: [Int64] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    subscript(seq: Int64) -> JSONValue? { objects[seq] }

    func insert(_ object: JSONValue, at seq: Int64) {
        guard objects.updateValue(object, forKey: seq) == nil else { return }
        order.append(seq)
        if order.count - head > capacity {
            objects[order[head]] = nil
            head += 1
            if head > capacity { order.removeFirst(head); head = 0 }
        }
    }

    /// Drops every entry with a seq above `seq` (their events were rolled back).
    func forget(after seq: Int64) {
        for key in objects.keys where key > seq { objects[key] = nil }
    }
}
