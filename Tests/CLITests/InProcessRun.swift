import XCTest
@testable import CLI

/// What one `logbook` command line printed and returned, run in-process.
typealias CommandResult = (code: Int32, out: String, err: String)

/// Runs `logbook ARGUMENTS --db DB` in-process, collecting its output. `controllers: false` adds
/// `--no-controllers`, for tests of the API and CLI alone.
func runLogbook(_ arguments: [String], db: String, controllers: Bool = true, input: String = "") -> CommandResult {
    let output = Output(passThrough: false)
    let code = Logbook.run(arguments + ["--db", db] + (controllers ? [] : ["--no-controllers"]), output: output,
                           standardInput: { input })
    return (code, output.standardOutput, output.standardError)
}

/// A test case with its own temporary folder and database, running `logbook` in-process against it.
/// Subclasses that test the API and CLI alone turn the controllers off.
class CLITestCase: XCTestCase {
    var folder: TemporaryFolder!
    /// Whether commands run the controllers afterwards (otherwise `--no-controllers`).
    var controllers: Bool { true }
    var db: String { folder.url.appendingPathComponent("test.db").path }
    func path(_ name: String) -> String { folder.url.appendingPathComponent(name).path }

    override func setUp() {
        super.setUp()
        folder = TemporaryFolder()
    }

    /// Runs `logbook ARGS --db <db>` in-process (`db` defaults to the test's database).
    @discardableResult
    func logbook(_ arguments: String..., db: String? = nil, input: String = "") -> CommandResult {
        runLogbook(arguments, db: db ?? self.db, controllers: controllers, input: input)
    }

    /// The same, with the arguments as an array.
    @discardableResult
    func logbook(_ arguments: [String], db: String? = nil, input: String = "") -> CommandResult {
        runLogbook(arguments, db: db ?? self.db, controllers: controllers, input: input)
    }
}
