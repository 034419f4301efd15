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
        case .recordDrill, .markDone, .recordBackup:
            return .failure(FixRefusal("cannot record \(intent.summary)"))
        }
    }

    static func missing(_ what: String, _ platform: String) -> Result<FixPlan, FixRefusal> {
        .failure(FixRefusal("shipshape cannot \(what) on \(platform)"))
    }
}
