import ArgumentParser
import Engine

/// shipshape: take PaaS clusters to production and keep them there.
@main
struct Shipshape: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shipshape",
        abstract: "A terminal operations console that checks PaaS clusters against production recommendations and fixes them.",
        discussion: "Run `shipshape demo` to try it on the embedded Deis Workflow sandbox, no cluster needed.",
        version: ShipshapeVersion.current,
        subcommands: [ConsoleCommand.self, DemoCommand.self, CheckCommand.self, WatchCommand.self, FixCommand.self, UndoCommand.self, SnapshotCommand.self, RecordsCommand.self, KeysCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )
}
