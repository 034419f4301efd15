import Foundation
import ArgumentParser
import Engine
import TUI

/// The interactive console against a real cluster (the default command).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the console on a cluster (default).")

    @OptionGroup var target: TargetOptions
    @OptionGroup var console: ConsoleOptions

    @Option(help: "Open a snapshot file (from `shipshape snapshot`) read-only instead of a live cluster.")
    var replay: String?

    @MainActor
    func run() async throws {
        var console = self.console
        let audit = try console.openAuditLog()
        let policy = try console.policyOptions.load()
        let backupDirectory = console.backupDirectory
        let status: Int32
        if let replay {
            let adapter: any PlatformAdapter
            do {
                let file = try StateSnapshotFile.decode(try Data(contentsOf: URL(fileURLWithPath: replay)))
                adapter = try PlatformRegistry.adapter(for: file.target, runner: ReplayRunner(calls: file.calls))
            } catch {
                throw CLIError("cannot start: \(error)")
            }
            console.readOnly = true
            console.refreshSeconds = 0
            let session = Session(adapter: adapter, audit: audit, policy: policy, backupDirectory: backupDirectory)
            status = await ConsoleRunner.run(workspace: Workspace(session: session), options: console)
        } else {
            // Resolving the contexts and detecting platforms read the cluster, which can take a
            // whole timeout: the screen opens first and says so (see StartupView).
            let target = self.target
            do {
                status = try await ConsoleRunner.run(startup: target.startupView, options: console) {
                    let adapters = try await target.makeAdapters()
                    return Workspace(sessions: adapters.map {
                        Session(adapter: $0, audit: audit, policy: policy, backupDirectory: backupDirectory)
                    })
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
        commandName: "demo", abstract: "Open the console on an embedded demo cluster (no cluster or kubectl needed).")

    @Argument(help: "Scenario: \(DemoScenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: DemoScenario = .workflow

    @OptionGroup var console: ConsoleOptions

    @MainActor
    func run() async throws {
        let audit = try console.openAuditLog()
        let policy = try console.policyOptions.load()
        let sessions = try scenario.makeAdapters().map {
            Session(adapter: $0, audit: audit, policy: policy, verifyTimeoutSeconds: 5, backupDirectory: console.backupDirectory)
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
