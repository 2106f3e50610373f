/// The bytes the JSON writers produce, in one growing allocation that the writer owns.
///
/// Serializing is mostly appending a byte or a short run of bytes; here that is a capacity check and a
/// store, where an `Array` append also checks that its storage is unique and goes through generic code.
/// Make one with `withJSONOutput`, which frees it.
struct JSONOutput {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    private init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    /// Runs `body` on an empty output of `capacity` bytes (it grows as needed), then frees it; `body`
    /// must not let the bytes escape.
    static func with<R>(capacity: Int, _ body: (inout JSONOutput) -> R) -> R {
        var output = JSONOutput(capacity: capacity)
        defer { output.start.deallocate() }
        return body(&output)
    }

    /// The bytes written so far, as a String.
    func string() -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends ASCII text known at compile time (`null`, `true`, `\u003c`...).
    mutating func append(literal text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `byte` `n` times (indentation).
    mutating func append(_ byte: UInt8, times n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (start + count).initialize(repeating: byte, count: n)
        count += n
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.initialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }
}
