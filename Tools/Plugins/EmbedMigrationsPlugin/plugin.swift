import PackagePlugin

/// Runs `EmbedMigrations` over the target's `.sql` files before compiling it.
@main
struct EmbedMigrationsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let sqlFiles = target.sourceFiles(withSuffix: "sql").map(\.url).sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations+Generated.swift")
        return [.buildCommand(
            displayName: "Embedding \(sqlFiles.count) migrations",
            executable: try context.tool(named: "EmbedMigrations").url,
            arguments: [output.path] + sqlFiles.map(\.path),
            inputFiles: sqlFiles,
            outputFiles: [output]
        )]
    }
}
