import Foundation

/// Where a command writes: standard output and error, collected or passed through.
public final class Output: @unchecked Sendable {
    // @unchecked: a command runs on one thread; the buffers are only touched by that command.
    private var stdout: [UInt8] = []
    private var stderr: [UInt8] = []
    let passThrough: Bool

    /// `passThrough` writes straight to the process's streams; otherwise text is collected (tests).
    public init(passThrough: Bool) { self.passThrough = passThrough }

    public func out(_ text: String) {
        if passThrough { FileHandle.standardOutput.write(Data(text.utf8)) } else { stdout += Array(text.utf8) }
    }

    public func err(_ text: String) {
        if passThrough { FileHandle.standardError.write(Data(text.utf8)) } else { stderr += Array(text.utf8) }
    }

    /// Everything written to standard output so far (collected mode).
    public var standardOutput: String { String(decoding: stdout, as: UTF8.self) }
    /// Everything written to standard error so far (collected mode).
    public var standardError: String { String(decoding: stderr, as: UTF8.self) }
}
