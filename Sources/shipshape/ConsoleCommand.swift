import Foundation
import ArgumentParser
import ShipshapeCore
import ShipshapeRunner
import ShipshapePlatforms
import Engine
import TUI
import PlatformKit

/// The interactive console on the estate (the default command).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the console on the estate (default).")

    @OptionGroup var source: ClusterSource
    @OptionGroup var console: ConsoleOptions

    @Option(help: "Open a snapshot file (from `shipshape snapshot`) read-only instead of live clusters.")
    var replay: String?

    @MainActor
    func run() async throws {
        var console = self.console
        let audit = try console.openAuditLog()
        let policy = try console.policyOptions.load()
        let backupDirectory = console.backupDirectory
        let status: Int32
        if let replay {
            let sessions: [Session]
            do {
                sessions = try SnapshotReplay.sessions(file: replay, audit: audit, policy: policy)
            } catch {
                throw CLIError("cannot start: \(error)")
            }
            console.readOnly = true
            console.refreshSeconds = 0
            status = await ConsoleRunner.run(workspace: Workspace(sessions: sessions), options: console)
        } else {
            // Resolving the clusters and detecting platforms reads them, which can take a
            // whole timeout: the screen opens first and says so (see StartupView).
            let source = self.source
            do {
                status = try await ConsoleRunner.run(startup: source.startupView, options: console) {
                    let (sessions, parallel) = try await source.sessions(audit: audit, policy: policy, backupDirectory: backupDirectory,
                                                                        refuseWhenNonePinned: true)
                    return Workspace(sessions: sessions, parallel: parallel)
                }
            } catch {
                throw CLIError("cannot start: \(error)")
            }
        }
        throw ExitCode(status)
    }
}

/// `shipshape demo [SCENARIO]`: the console on the embedded sandbox.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Open the console on embedded demo clusters (no cluster or kubectl needed).")

    @Argument(help: "Scenario: \(DemoScenario.all.map(\.name).joined(separator: ", ")).")
    var scenario: String = "workflow"

    @OptionGroup var console: ConsoleOptions

    func validate() throws {
        if DemoScenario.named(scenario) == nil {
            throw ValidationError("no demo \(scenario) (there are: \(DemoScenario.all.map(\.name).joined(separator: ", ")))")
        }
    }

    @MainActor
    func run() async throws {
        let audit = try console.openAuditLog()
        let policy = try console.policyOptions.load()
        let registry = PlatformRegistry.standard
        let sessions = try DemoScenario.named(scenario)!.makeAdapters().map {
            Session(plugin: registry.plugin(for: $0.target.platform)!, adapter: $0, audit: audit, policy: policy,
                    verifyTimeoutSeconds: 5, backupDirectory: console.backupDirectory)
        }
        let status = await ConsoleRunner.run(workspace: Workspace(sessions: sessions), options: console)
        throw ExitCode(status)
    }
}

/// A one-line error for the terminal, not a stack of Swift types.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
