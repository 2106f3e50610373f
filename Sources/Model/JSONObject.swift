/// A JSON object's members, kept sorted by key: the canonical order.
///
/// Keys compare as Swift Strings do, which for the keys Kubernetes has (ASCII, and any NFC text) is the
/// order of their UTF-8 bytes, Go's order; keys that are canonically equivalent Unicode are one key, as
/// in a Swift Dictionary.
///
/// Kubernetes objects are made of small objects (a handful to a few dozen members), where a sorted array
/// beats a hash table: lookups compare a few keys instead of hashing one, canonical JSON needs no sort,
/// parsing canonical text appends in order, and equality compares members pairwise. The API is
/// Dictionary's, so code reads as it would with `[String: JSONValue]`.
public struct JSONObject: Sendable {
    public typealias Element = (key: String, value: JSONValue)

    /// The members in key order; never two with the same key.
    @usableFromInline var members: [Element]

    @inlinable public init() { members = [] }

    @inlinable public init(minimumCapacity: Int) {
        members = []
        members.reserveCapacity(minimumCapacity)
    }

    /// Members already in key order with no key twice (the caller checked).
    @inlinable init(sortedMembers: [Element]) { members = sortedMembers }

    /// Members from pairs in any order; a repeated key keeps its last value (as JSON parsers do).
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
        members = []
        for (key, value) in pairs { self[key] = value }
    }

    /// Members from pairs whose keys are unique (Dictionary's initializer of the same name).
    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, JSONValue) {
        self.init(pairs)
    }

    @inlinable public var count: Int { members.count }
    @inlinable public var isEmpty: Bool { members.isEmpty }
    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }
    /// The values, in key order.
    public var values: [JSONValue] { members.map(\.value) }

    /// The member's position, or where it would be inserted.
    @usableFromInline
    func position(of key: String) -> (found: Bool, index: Int) {
        var low = 0, high = members.count
        while low < high {
            let middle = (low + high) >> 1
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return (low < members.count && members[low].key == key, low)
    }

    public subscript(key: String) -> JSONValue? {
        get {
            let (found, index) = position(of: key)
            return found ? members[index].value : Optional<JSONValue>.none
        }
        set {
            // Appending past the last key is the common case: parsing canonical text, building in order.
            if let newValue, members.isEmpty || members[members.count - 1].key < key {
                members.append((key, newValue))
                return
            }
            let (found, index) = position(of: key)
            if let newValue {
                if found { members[index].value = newValue } else { members.insert((key, newValue), at: index) }
            } else if found {
                members.remove(at: index)
            }
        }
        _modify {
            let (found, index) = position(of: key)
            var value = Optional<JSONValue>.none
            if found {
                // Take the value out so the caller's change does not copy it.
                value = members[index].value
                members[index].value = .null
            }
            defer {
                if let value {
                    if found { members[index].value = value } else { members.insert((key, value), at: index) }
                } else if found {
                    members.remove(at: index)
                }
            }
            yield &value
        }
    }

    public subscript(key: String, default defaultValue: @autoclosure () -> JSONValue) -> JSONValue {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let (found, index) = position(of: key)
        return found ? members.remove(at: index).value : Optional<JSONValue>.none
    }

    public mutating func removeAll(keepingCapacity keep: Bool = false) { members.removeAll(keepingCapacity: keep) }

    public mutating func reserveCapacity(_ capacity: Int) { members.reserveCapacity(capacity) }

    /// The members `isIncluded` keeps, as an object (as Dictionary's `filter` does).
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        var result = JSONObject()
        result.members = try members.filter(isIncluded)
        return result
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        @usableFromInline var base: IndexingIterator<[Element]>
        @inlinable init(base: IndexingIterator<[Element]>) { self.base = base }
        @inlinable public mutating func next() -> Element? { base.next() }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(base: members.makeIterator()) }
    @inlinable public var underestimatedCount: Int { members.count }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}

extension JSONObject: Hashable {
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        // Copies of one object share their storage.
        if a.members.withUnsafeBufferPointer({ $0.baseAddress }) == b.members.withUnsafeBufferPointer({ $0.baseAddress }) {
            return true
        }
        for i in a.members.indices {
            guard a.members[i].key == b.members[i].key, a.members[i].value == b.members[i].value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
