import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit

/// A cluster of the estate that could not be pinned (its kubeconfig is gone, no platform
/// recognised it). It still has a row on the board and a report in `check`, saying why;
/// nothing is ever run against it.
struct UnpinnedPlugin: PlatformPlugin {
    let platform: PlatformID?

    var id: PlatformID { platform ?? PlatformID("unknown", displayName: "unknown platform") }
    var rules: [any Rule] { [] }
    var panes: [PaneSpec] { [] }
    var discoveryHelp: String { "" }
    func accepts(_ request: TargetRequest) -> Bool { false }
    func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection { .rejected("not pinned") }
    func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] { [] }
    func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
        throw PinError("not pinned")
    }
    func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter { UnpinnedAdapter(target: target, reason: "not pinned") }
    func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] { [] }
    func boardFacts(_ cluster: ClusterView) -> BoardFacts { BoardFacts() }
}

/// Its adapter: every read fails with the reason, and no tool is ever started.
struct UnpinnedAdapter: PlatformAdapter {
    let target: Target
    let reason: String
    var runner: any CommandRunner { SandboxRunner() }

    func probe() async -> ClusterState {
        var state = ClusterState(target: target)
        state[section: PinFailure.self] = .failed(ProbeError(.failed, "not pinned: \(reason)"))
        return state
    }
}

/// The state section that says why a cluster was never read.
struct PinFailure: StateSection {}

extension ResolvedCluster {
    /// The session for this cluster: its platform's, or one that only says why it is not pinned.
    public func session(audit: AuditLog, policy: Policy, verifyTimeoutSeconds: Double = 30,
                        backupDirectory: String?, runner: any CommandRunner) -> Session {
        if isPinned, let plugin, let target {
            return Session(plugin: plugin, adapter: plugin.makeAdapter(for: target, runner: runner), audit: audit, policy: policy,
                           verifyTimeoutSeconds: verifyTimeoutSeconds, backupDirectory: backupDirectory)
        }
        let placeholder = Target(name: label, platform: plugin?.id ?? UnpinnedPlugin(platform: nil).id,
                                 production: request.production, readOnly: true, labels: request.labels)
        return Session(plugin: UnpinnedPlugin(platform: plugin?.id), adapter: UnpinnedAdapter(target: placeholder, reason: error ?? "unknown"),
                       audit: audit, policy: policy, backupDirectory: backupDirectory, unpinnedReason: error ?? "not pinned")
    }
}
