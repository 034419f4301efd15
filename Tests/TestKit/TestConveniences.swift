import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import ShipshapePlatforms
import Engine
import TUI

// Shorthands the suites share: a session, a console model or an adapter's rules from an
// adapter alone, through the real registry (exactly what the command line does).

extension Session {
    public init(adapter: any PlatformAdapter, audit: AuditLog, policy: Policy = .default, verifyTimeoutSeconds: Double = 30,
                records: RecordStore? = nil, backupDirectory: String? = nil) {
        self.init(plugin: PlatformRegistry.standard.plugin(for: adapter.target.platform)!, adapter: adapter, audit: audit, policy: policy,
                  verifyTimeoutSeconds: verifyTimeoutSeconds, records: records, backupDirectory: backupDirectory)
    }
}

extension PlatformAdapter {
    /// The rules its platform evaluates.
    public var rules: [any Rule] { PlatformRegistry.standard.plugin(for: target.platform)!.rules }
}

extension AppModel {
    public init(target: Target, readOnly: Bool) {
        self.init(targets: [target], readOnly: readOnly)
    }

    public init(targets: [Target], readOnly: Bool) {
        self.init(clusters: targets.map { ClusterSlot(target: $0, plugin: PlatformRegistry.standard.plugin(for: $0.platform)!) }, readOnly: readOnly)
    }
}

extension DemoScenario {
    public static var allCases: [DemoScenario] { all }
    public var platform: PlatformID { platforms[0] }
}

extension Session {
    /// The plan for a finding against the cluster as it is now (read fresh), as the console
    /// plans against its last refresh. nil when refused.
    public func plan(for finding: Finding) async -> FixPlan? {
        try? plan(for: finding, state: await refresh().state).get()
    }

    /// The undo of an applied plan against the cluster as it is now.
    public func undoPlan(for applied: FixPlan) async -> FixPlan? {
        try? undoPlan(for: applied, state: await refresh().state).get()
    }

    /// Plans adding a window through the cluster's `UpdateWindowEditing`, from `state`.
    public func planAddUpdateWindow(_ window: UpdateWindow, from state: ClusterState) throws -> FixPlan {
        guard let editor = adapter as? any UpdateWindowEditing else { throw FixRefusal("\(target.name) has no update windows") }
        let existing = try editor.updateWindows(in: state).get()
        return try editor.planWindow(window.spec, existing: existing, adding: true,
                                     request(ruleID: "DH-UPDATE-WINDOWS", subject: "moduleconfig/deckhouse", state: state)).get()
    }
}
