/// Upstream's `slowStartBatch`: calls grouped in batches of 1, 2, 4, 8, … (each at most what remains);
/// every call of a batch is made, and after a batch with any failure no further batch starts. This keeps
/// a controller from flooding the API with calls that all fail the same way.
public enum SlowStart {
    /// Upstream's `SlowStartInitialBatchSize`.
    public static let initialBatchSize = 1

    /// The batch sizes for `count` calls when all succeed: 10 gives 1, 2, 4, 3.
    public static func batchSizes(count: Int, initialBatchSize: Int = initialBatchSize) -> [Int] {
        var sizes: [Int] = []
        var remaining = count
        var size = min(remaining, initialBatchSize)
        while size > 0 {
            sizes.append(size)
            remaining -= size
            size = min(2 * size, remaining)
        }
        return sizes
    }

    /// Makes up to `count` calls of `call` in slow-start batches. Returns how many succeeded and the first
    /// failure, after which no further batch was started.
    public static func run<Failure: Error>(count: Int, initialBatchSize: Int = initialBatchSize,
                                           _ call: () throws(Failure) -> Void) -> (successes: Int, failure: Failure?) {
        var successes = 0
        var remaining = count
        var size = min(remaining, initialBatchSize)
        while size > 0 {
            var firstFailure: Failure?
            for _ in 0..<size {
                do throws(Failure) {
                    try call()
                    successes += 1
                } catch {
                    if firstFailure == nil { firstFailure = error }
                }
            }
            if let firstFailure { return (successes, firstFailure) }
            remaining -= size
            size = min(2 * size, remaining)
        }
        return (successes, nil)
    }
}
