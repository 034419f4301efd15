import ArgumentParser
import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import ShipshapePlatforms
import Engine

/// Where a command gets its clusters: the flags, else the estate file, else what the
/// environment names — or a bundled demo with `--demo`. Every command resolves them the same
/// way, so `check`, `watch`, the console and `fix` always agree on what a flag means.
struct ClusterSource: ParsableArguments {
    @OptionGroup var target: TargetOptions

    @Option(help: "Use a bundled demo instead of real clusters: \(DemoScenario.all.map(\.name).joined(separator: ", ")).")
    var demo: String?

    func validate() throws {
        if let demo, DemoScenario.named(demo) == nil {
            throw ValidationError("no demo \(demo) (there are: \(DemoScenario.all.map(\.name).joined(separator: ", ")))")
        }
    }

    var registry: PlatformRegistry { .standard }
    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var runner: ProcessRunner { ProcessRunner(defaultTimeoutSeconds: target.timeout) }

    /// Every cluster named, each pinned (or with the reason it could not be).
    func resolve() async throws -> (clusters: [ResolvedCluster], parallel: Int) {
        let estateFile: EstateFile?
        do {
            estateFile = try EstateFileLoader(platforms: registry.ids, environment: environment).loadDefault(explicitPath: target.estate)
        } catch {
            throw CLIError("estate: \(error)")
        }
        let parallel = target.parallel ?? estateFile?.parallel ?? 8
        let runner = self.runner
        let resolver = EstateResolver(plugins: registry.plugins, runner: runner, environment: environment, parallel: parallel)
        let flags = try await target.flagRequests(environment: environment, runner: runner, registry: registry)
        let requests: [TargetRequest]
        do {
            (_, requests) = try await resolver.requests(flags: flags, estate: target.namesConnections ? nil : estateFile, clusters: target.clusters)
        } catch {
            throw CLIError("estate: \(error)")
        }
        guard !requests.isEmpty else { throw CLIError(nothingFound) }
        return (await resolver.resolve(requests), parallel)
    }

    /// What was looked for, when nothing was found.
    var nothingFound: String {
        let places = registry.plugins.map { "  \($0.id.displayName): \($0.discoveryHelp)" }.joined(separator: "\n")
        return "no cluster named: no flag, no estate file (\(EstateFileLoader.defaultPath(environment: environment))), and the environment names none. Looked for:\n" + places
    }

    /// A session per cluster (demo clusters included); clusters that could not be pinned get
    /// a session that only says why.
    /// - Parameter refuseWhenNonePinned: the console's way: when not one cluster can be pinned,
    ///   refuse at start with every reason, rather than open a console with nothing in it.
    func sessions(audit: AuditLog, policy: Policy, backupDirectory: String? = nil, verifyTimeoutSeconds: Double = 30,
                  refuseWhenNonePinned: Bool = false) async throws -> (sessions: [Session], parallel: Int) {
        if let demo, let scenario = DemoScenario.named(demo) {
            let sessions = try scenario.makeAdapters(latencyMilliseconds: 0).map { adapter in
                Session(plugin: registry.plugin(for: adapter.target.platform)!, adapter: adapter, audit: audit, policy: policy,
                        verifyTimeoutSeconds: 5, backupDirectory: backupDirectory)
            }
            return (sessions, 8)
        }
        let (clusters, parallel) = try await resolve()
        if refuseWhenNonePinned, !clusters.contains(where: \.isPinned) {
            throw CLIError(clusters.compactMap(\.error).joined(separator: "\n"))
        }
        let runner = self.runner
        return (clusters.map { $0.session(audit: audit, policy: policy, verifyTimeoutSeconds: verifyTimeoutSeconds,
                                          backupDirectory: backupDirectory, runner: runner) }, parallel)
    }

    /// Exactly one cluster, for a command that changes one (`fix`, `undo`, drills). Several or
    /// none is refused by name before anything runs.
    func single(command: String, audit: AuditLog, policy: Policy, backupDirectory: String? = nil) async throws -> Session {
        let (sessions, _) = try await self.sessions(audit: audit, policy: policy, backupDirectory: backupDirectory)
        guard sessions.count == 1 else {
            let names = sessions.map { "\($0.target.name) (\($0.target.platform.displayName))" }.joined(separator: ", ")
            throw CLIError("\(command) acts on exactly one cluster, and \(sessions.count) are named: \(names) — pick one with --cluster NAME (estate file) or a connection flag (--context, --docker-host, …)")
        }
        let session = sessions[0]
        if let reason = session.unpinnedReason { throw CLIError("cannot read the cluster: \(reason)") }
        return session
    }
}

