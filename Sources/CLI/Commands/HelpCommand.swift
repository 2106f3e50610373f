/// `logbook help [COMMAND]`.
enum HelpCommand: Command {
    static let name = "help"
    static let abstract = "Help about any command"
    static let usage = "Usage: logbook help [COMMAND]"
    static let flags: [Flag] = []

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        if let word = arguments.positional.first {
            guard let command = Logbook.commands.first(where: { $0.name == word }) else {
                throw UsageError("unknown command \"\(word)\"")
            }
            context.out(help(for: command))
        } else {
            context.out(overview())
        }
        return 0
    }

    static func overview() -> String {
        var text = """
            logbook: a Kubernetes control plane whose only store is an append-only event log in SQLite.

            Usage: logbook COMMAND [ARGS] [flags]

            Commands:

            """
        let width = Logbook.commands.map { $0.name.count }.max() ?? 0
        for command in Logbook.commands {
            text += "  \(command.name)\(String(repeating: " ", count: width - command.name.count + 2))\(command.abstract)\n"
        }
        text += "\nGlobal flags:\n" + describe(globalFlags)
        text += "\nUse \"logbook COMMAND --help\" for more about a command.\n"
        return text
    }

    static func help(for command: any Command.Type) -> String {
        var text = "\(command.abstract).\n\n\(command.usage)\n"
        if !command.flags.isEmpty { text += "\nFlags:\n" + describe(command.flags) }
        text += "\nGlobal flags:\n" + describe(globalFlags)
        return text
    }

    static func describe(_ flags: [Flag]) -> String {
        let labels = flags.map { flag in
            (flag.short.map { "-\($0), " } ?? "    ") + "--\(flag.long)" + (flag.takesValue ? " \(flag.placeholder)" : "")
        }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, flags).map { label, flag in
            "  \(label)\(String(repeating: " ", count: width - label.count + 2))\(flag.help)\n"
        }.joined()
    }
}
