import Model

/// What admission says about an object: field errors (a 422) and warnings (printed, not fatal).
public struct AdmissionResult: Sendable, Equatable {
    public var errors: [FieldError]
    public var warnings: [String]
    public init(errors: [FieldError] = [], warnings: [String] = []) { self.errors = errors; self.warnings = warnings }
}

/// Defaulting and validation as the API server does them for each served kind (STUB).
public enum Admission {
    /// Fills in the defaults upstream v1.32 sets (on create and on update).
    public static func applyDefaults(_ object: inout JSONValue, kind: ResourceKind) {}

    /// Validates an object about to be created.
    public static func validateCreate(_ object: JSONValue, kind: ResourceKind) -> AdmissionResult { AdmissionResult() }

    /// Validates an update of `old` to `new` (both defaulted), including immutable fields.
    public static func validateUpdate(_ new: JSONValue, old: JSONValue, kind: ResourceKind) -> AdmissionResult {
        AdmissionResult()
    }
}
