// swift-tools-version: 6.0
import PackageDescription

/// Logbook: a Kubernetes-style control plane whose only store is an append-only event log in SQLite.
///
/// Dependencies point one way:
/// C libraries → SQLiteKit → Model → Codec/Patch/Admission → Store → Printers → CLI → logbook.
/// Release builds skip Swift's runtime exclusivity checks (5% of a re-run's time, in class property
/// accesses on hot paths); debug builds, which the tests run, keep them, so a violation is still caught.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Logbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "logbook", targets: ["logbook"]),
    ],
    targets: [
        // C libraries from Debian.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Our own C: SHA-256 compression on the CPU's SHA instructions (no flags, no system library).
        .target(name: "CSHA256"),

        // Migrations: numbered .sql files embedded into the binary by a build-tool plugin.
        .executableTarget(name: "EmbedMigrations", path: "Tools/EmbedMigrations"),
        .plugin(name: "EmbedMigrationsPlugin", capability: .buildTool(),
                dependencies: ["EmbedMigrations"], path: "Tools/Plugins/EmbedMigrationsPlugin"),
        .target(name: "Migrations", path: "Migrations", exclude: [], resources: [],
                swiftSettings: strict, plugins: ["EmbedMigrationsPlugin"]),

        .target(name: "SQLiteKit", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(name: "Determinism", dependencies: ["CSHA256"], swiftSettings: strict),
        .target(name: "Model", dependencies: ["Determinism"], swiftSettings: strict),
        .target(name: "Codec", dependencies: ["Model", "CYAML"], swiftSettings: strict),
        .target(name: "Patch", dependencies: ["Model"], swiftSettings: strict),
        .target(name: "Admission", dependencies: ["Model", "Determinism"], swiftSettings: strict),
        .target(name: "Store", dependencies: ["SQLiteKit", "Migrations", "Model", "Determinism", "Patch", "Admission", "Codec"],
                swiftSettings: strict),
        .target(name: "Controllers", dependencies: ["Store", "Model", "Determinism", "Patch", "Admission"], swiftSettings: strict),
        .target(name: "Printers", dependencies: ["Model", "Codec", "Determinism"], swiftSettings: strict),
        .target(name: "CLI", dependencies: ["Controllers", "Store", "Printers", "Codec", "Patch", "Model", "Determinism"],
                swiftSettings: strict),
        .executableTarget(name: "logbook", dependencies: ["CLI"], swiftSettings: strict),
        .executableTarget(name: "logbook-bench", dependencies: ["Store", "Model", "Determinism", "Controllers"],
                          path: "Tools/Benchmarks", swiftSettings: strict),

        .testTarget(name: "DeterminismTests", dependencies: ["Determinism"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "CodecTests", dependencies: ["Codec"]),
        .testTarget(name: "PatchTests", dependencies: ["Patch"]),
        .testTarget(name: "AdmissionTests", dependencies: ["Admission"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SQLiteKit", "Determinism", "Model"]),
        .testTarget(name: "PrintersTests", dependencies: ["Printers"]),
        .testTarget(name: "ControllersTests", dependencies: ["Controllers", "Store", "Model", "Determinism"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "Store", "Controllers", "Model"]),
    ],
    swiftLanguageModes: [.v6]
)
