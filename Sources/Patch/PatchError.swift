import Model

/// A patch that could not be applied: a 400 Bad Request or 422 in the API's terms.
///
/// `message` follows the wording of the Go libraries the API server uses (evanphx/json-patch for JSON patches,
/// apimachinery's `strategicpatch` for strategic merge patches), so users see familiar text.
public struct PatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
