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
