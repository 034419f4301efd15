import Foundation
import ShipshapeCore
import PlatformKit
import ShipshapeRunner

/// Sends an intent to the capability that carries it out, or says the cluster lacks it. The
/// one place that maps intents to capabilities; none of it names a platform.
public enum FixRouter {
    public static func plan(_ intent: FixIntent, adapter: any PlatformAdapter, request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        if let local = LocalPlanner(target: adapter.target, operatorName: request.operatorName)
            .plan(intent, ruleID: request.ruleID, subject: request.subject, now: request.now) {
            return .success(local)
        }
        let name = adapter.target.platform.displayName
        switch intent {
        case .scale(let workload, let from, let to):
            guard let scaler = adapter as? any ReplicaScaling else { return missing("scale workloads", name) }
            return scaler.planScale(workload: workload, from: from, to: to, request)
        case .setSetting(let setting, let from, let to):
            guard let toggle = adapter as? any SettingToggle else { return missing("change settings", name) }
            return toggle.planSetting(setting, from: from, to: to, request)
        case .setNodeAvailability(let node, let from, let to):
            guard let maintainer = adapter as? any NodeMaintenance else { return missing("take nodes out of service", name) }
            return maintainer.planAvailability(node: node, from: from, to: to, request)
        case .addPlacementConstraint(let service, let constraint), .removePlacementConstraint(let service, let constraint):
            guard let placer = adapter as? any PlacementConstraining else { return missing("constrain placement", name) }
            let adding = if case .addPlacementConstraint = intent { true } else { false }
            return placer.planConstraint(service: service, constraint: constraint, adding: adding, request)
        case .preseedImages(let machine):
            guard let seeder = adapter as? any ImagePreseeding else { return missing("preseed images", name) }
            return seeder.planPreseed(machine: machine, request)
        case .etcdSnapshot:
            guard let taker = adapter as? any SnapshotTaking else { return missing("take etcd snapshots", name) }
            return taker.planSnapshot(request)
        case .exportConfig:
            guard let exporter = adapter as? any ConfigExporting else { return missing("export the configuration", name) }
            return exporter.planConfigExport(request)
        case .addUpdateWindow(let window, let existing), .removeUpdateWindow(let window, let existing):
            guard let editor = adapter as? any UpdateWindowEditing else { return missing("edit update windows", name) }
            let adding = if case .addUpdateWindow = intent { true } else { false }
            return editor.planWindow(window, existing: existing, adding: adding, request)
        case .setUpdateOrder(let service, let from, let to):
            guard let orderer = adapter as? any RolloutOrdering else { return missing("change how services roll out", name) }
            return orderer.planUpdateOrder(service: service, from: from, to: to, request)
        case .approveRelease(let release, let version), .withdrawReleaseApproval(let release, let version):
            guard let approver = adapter as? any ReleaseApproving else { return missing("approve releases", name) }
            let approve = if case .approveRelease = intent { true } else { false }
            return approver.planApproval(release: release, version: version, approve: approve, request)
        case .runScheduledJobs(let namespace, let names):
            guard let runner = adapter as? any ScheduledJobRunning else { return missing("run scheduled jobs", name) }
            return runner.planJobRun(namespace: namespace, cronJobs: names, request)
        case .recordBackupCopy:
            return .success(backupCopyPlan(request))
        case .recordDrill, .markDone, .recordBackup:
            return .failure(FixRefusal("cannot record \(intent.summary)"))
        }
    }

    /// Every platform, on this machine: the operator says a backup was copied off the cluster
    /// (nothing in the cluster can show it); recorded with who and when.
    static func backupCopyPlan(_ request: PlanRequest) -> FixPlan {
        let day = String(ISO8601DateFormatter().string(from: request.now).prefix(10))
        return FixPlan(
            ruleID: request.ruleID, subject: request.subject, title: "Record an off-cluster backup copy", risk: .low,
            intent: .recordBackupCopy,
            changes: [.init(what: "records: off-cluster backup copy", from: "(none recent)", to: "copied \(day), recorded by \(request.operatorName)")],
            commands: [], dryRunCommands: [], preconditions: [], postconditions: [],
            local: .appendRecord(.backupCopy(note: "copy off the cluster recorded in the console"), by: request.operatorName))
    }

    static func missing(_ what: String, _ platform: String) -> Result<FixPlan, FixRefusal> {
        .failure(FixRefusal("shipshape cannot \(what) on \(platform)"))
    }
}
