import Foundation
import Model
import Store
import SQLiteKit
import Codec

/// The `logbook` command line: dispatches to a subcommand and turns errors into kubectl-style messages
/// and exit codes.
public enum Logbook {
    static let commands: [any Command.Type] = [
        InitCommand.self, ApplyCommand.self, CreateCommand.self, ReplaceCommand.self, GetCommand.self,
        DescribeCommand.self, DeleteCommand.self, PatchCommand.self, LabelCommand.self, AnnotateCommand.self,
        LogCommand.self, VerifyCommand.self, ExportCommand.self, ImportCommand.self, ReplayCommand.self,
        AdvanceCommand.self, RolloutCommand.self, ScaleCommand.self, SetImageCommand.self, NodeCommand.self,
        ExplainCommand.self, DiffCommand.self, SQLCommand.self, DemoCommand.self, VersionCommand.self,
        HelpCommand.self,
    ]

    /// Runs the process's command line and exits with its code.
    public static func main() -> Never {
        let output = Output(passThrough: true)
        let code = run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
                       output: output) {
            String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        exit(code)
    }

    /// Runs one command line, writing to `output`; returns the exit code. Tests call this in-process.
    public static func run(_ arguments: [String], environment: [String: String] = [:], output: Output,
                           standardInput: @escaping () -> String = { "" }) -> Int32 {
        guard let word = arguments.first(where: { !$0.hasPrefix("-") }) ?? arguments.first else {
            output.out(HelpCommand.overview())
            return 0
        }
        if word == "--help" || word == "-h" { output.out(HelpCommand.overview()); return 0 }
        guard let command = commands.first(where: { $0.name == word }) else {
            output.err("error: unknown command \"\(word)\" for \"logbook\"\nRun 'logbook help' for usage.\n")
            return 1
        }
        var rest = arguments
        rest.remove(at: arguments.firstIndex(of: word)!)
        do {
            let parsed = try ParsedArguments(rest, flags: command.flags + globalFlags)
            if parsed.bool("help") { output.out(HelpCommand.help(for: command)); return 0 }
            let context = CommandContext(output: output, environment: environment, standardInput: standardInput,
                                         globals: parsed)
            var code: Int32 = 1
            do { code = try command.run(parsed, context) } catch {
                report(error, command: command.name, output: output)
            }
            if command.settlesAfterwards, context.wroteDatabase { try context.settle() }
            return code
        } catch {
            report(error, command: command.name, output: output)
            return 1
        }
    }

    /// Prints an error the way kubectl words it.
    static func report(_ error: any Error, command: String, output: Output) {
        switch error {
        case let error as UsageError:
            output.err("error: \(error.message)\nSee 'logbook \(command) --help' for usage.\n")
        case let error as APIError:
            output.err(error.cliMessage + "\n")
        case let error as SQLiteError where error.isBusy:
            output.err("error: the database is busy: another logbook process held its write lock for more than 10s; try again\n")
        default:
            output.err("error: \(error)\n")
        }
    }
}
