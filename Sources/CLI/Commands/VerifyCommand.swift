import Store

/// `logbook verify`: rebuild every projection from the log and compare it with the live one.
enum VerifyCommand: Command {
    static let name = "verify"
    static let abstract = "Rebuild the projections from the log alone and compare them with the live ones"
    static let usage = """
        Usage: logbook verify [flags]

        Exits 0 when every projection matches the log byte for byte, 1 (listing each difference) otherwise.
        """
    static let flags: [Flag] = []

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let report = try context.readStore().verify()
        for difference in report.differences {
            let path = difference.namespace.isEmpty ? difference.name : "\(difference.namespace)/\(difference.name)"
            let what: String
            switch difference.problem {
            case "missing": what = "in the log but missing from the projection"
            case "unexpected": what = "in the projection but not in the log"
            case "missing row": what = "its pod table row is missing"
            case "changed row": what = "its pod table row differs from the log"
            default: what = "differs from the log"
            }
            context.out("\(difference.kind) \(path): \(what)\n")
        }
        if report.isClean {
            context.out("verified: \(report.eventsReplayed) events replayed, \(report.objectsRebuilt) objects rebuilt; the projections match the log\n")
            return 0
        }
        context.out("verify failed: \(report.differences.count) difference(s) between the projections and the log\n")
        return 1
    }
}
