/// The bytes the JSON writers produce, in one growing buffer that the writer owns.
///
/// Serializing is mostly appending a byte or a short run of bytes; here that is a capacity check and a
/// store, where an `Array` append also checks that its storage is unique and goes through generic code.
/// The first 4 KiB are on the stack (most objects fit), so encoding one rarely asks malloc for a
/// block large enough to make it consolidate its free lists. Make one with `with`, which frees it.
struct JSONOutput {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// Whether `start` was allocated here (after growing past the stack buffer).
    private var ownsStorage = false

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        start = buffer.baseAddress!
        capacity = buffer.count
    }

    /// Runs `body` on an empty output (it grows as needed), then frees it; `body` must not let the
    /// bytes escape.
    static func with<R>(_ body: (inout JSONOutput) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { stack in
            var output = JSONOutput(buffer: stack)
            defer { if output.ownsStorage { output.start.deallocate() } }
            return body(&output)
        }
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
        if ownsStorage { start.deallocate() }
        start = newStart
        capacity = newCapacity
        ownsStorage = true
    }
}
