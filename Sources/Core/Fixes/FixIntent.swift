/// What a rule asks to change, independent of how. Each case belongs to one capability
/// (`ReplicaScaling`, `SettingToggle`, `NodeMaintenance`, …, see PlatformKit): a platform's
/// adapter that has the capability turns it into a `FixPlan`; rules never name commands
/// and nothing asks which platform it is talking to.
public enum FixIntent: Sendable, Hashable, Codable {
    /// `ReplicaScaling`: set a workload's replica count (`from` is what the rule saw). The
    /// workload is named as the platform names it: `deis/deis-router`, or Deis v1's `router`.
    case scale(workload: String, from: Int, to: Int)
    /// `SettingToggle`: set one setting (`from`/`to` nil = unset).
    case setSetting(Setting, from: String?, to: String?)
    /// `NodeMaintenance`: set a node's availability (`active`, `drain`, `pause`).
    case setNodeAvailability(node: String, from: String, to: String)
    /// `PlacementConstraining`: add or remove a placement constraint on a service.
    case addPlacementConstraint(service: String, constraint: String)
    case removePlacementConstraint(service: String, constraint: String)
    /// `ImagePreseeding`: pull the release's images onto one machine (no inverse: it only pulls).
    case preseedImages(machine: String)
    /// `SnapshotTaking`: take a snapshot into the backup folder (no inverse: snapshots are kept).
    case etcdSnapshot
    /// `UpdateWindowEditing`: add an update window; `existing` are the windows the cluster had,
    /// written back unchanged (a merge patch replaces the whole list).
    case addUpdateWindow(window: UpdateWindowSpec, existing: [UpdateWindowSpec])
    /// Remove the first entry equal to `window` from `existing` (the inverse of an add).
    case removeUpdateWindow(window: UpdateWindowSpec, existing: [UpdateWindowSpec])
    /// `ConfigExporting`: export the platform's configuration into the backup folder, read back
    /// before it is kept (Deis v1's `/deis` tree from the etcd v2 store, as JSON).
    case exportConfig
    /// Every platform, on this machine: record that a backup the console cannot take was made
    /// (Deis v1's platform data: database, registry, builder), with who and when.
    case recordBackup(kind: String)
    /// `RolloutOrdering`: how a service replaces its tasks on an update — `start-first` (the new
    /// task runs before the old one stops) or `stop-first`. `from` is the effective order the
    /// rule saw (the platform's default when unset).
    case setUpdateOrder(service: String, from: String, to: String)
    /// `ReleaseApproving`: approve a platform release that waits for approval (manual update
    /// mode), or withdraw that approval while it still waits.
    case approveRelease(name: String, version: String)
    case withdrawReleaseApproval(name: String, version: String)
    /// `ScheduledJobRunning`: run scheduled jobs now (one run of each) and wait for them to end.
    /// No inverse: what ran has run.
    case runScheduledJobs(namespace: String, names: [String])
    /// Every platform, on this machine: record that a backup was copied off the cluster.
    case recordBackupCopy
    /// Every platform, on this machine: record that a restore drill was done.
    case recordDrill
    /// Every platform, on this machine: record that a manual rule was checked by hand.
    case markDone(ruleID: String, subject: String)

    /// One line for menus and dialogs.
    public var summary: String {
        switch self {
        case .scale(let workload, let from, let to):
            return "scale \(workload) from \(from) to \(to)"
        case .setSetting(let setting, let from, let to):
            return "set \(setting.key) on \(setting.scope): \(from ?? "(unset)") → \(to ?? "(unset)")"
        case .setNodeAvailability(let node, let from, let to): return "set node \(node) availability \(from) → \(to)"
        case .addPlacementConstraint(let service, let constraint): return "add constraint \(constraint) to service \(service)"
        case .removePlacementConstraint(let service, let constraint): return "remove constraint \(constraint) from service \(service)"
        case .preseedImages(let machine): return "preseed the release's images on machine \(machine)"
        case .etcdSnapshot: return "take an etcd snapshot now"
        case .exportConfig: return "export the platform configuration now"
        case .recordBackup(let kind): return "record a \(kind) backup as done"
        case .addUpdateWindow(let window, _): return "add the update window \(window) (UTC)"
        case .removeUpdateWindow(let window, _): return "remove the update window \(window) (UTC)"
        case .setUpdateOrder(let service, let from, let to): return "set the update order of \(service): \(from) → \(to)"
        case .approveRelease(_, let version): return "approve release \(version)"
        case .withdrawReleaseApproval(_, let version): return "withdraw the approval of release \(version)"
        case .runScheduledJobs(let namespace, let names): return "run \(names.map { "\(namespace)/\($0)" }.joined(separator: ", ")) now and wait for it"
        case .recordBackupCopy: return "record an off-cluster backup copy"
        case .recordDrill: return "record a restore drill as done"
        case .markDone(let ruleID, let subject): return "mark \(ruleID) on \(subject) as checked by hand"
        }
    }

    /// The intent that puts things back as they were; nil when there is nothing to undo.
    public var inverse: FixIntent? {
        switch self {
        case .scale(let workload, let from, let to): return .scale(workload: workload, from: to, to: from)
        case .setSetting(let setting, let from, let to): return .setSetting(setting, from: to, to: from)
        case .setNodeAvailability(let node, let from, let to): return .setNodeAvailability(node: node, from: to, to: from)
        case .addPlacementConstraint(let service, let constraint): return .removePlacementConstraint(service: service, constraint: constraint)
        case .removePlacementConstraint(let service, let constraint): return .addPlacementConstraint(service: service, constraint: constraint)
        case .addUpdateWindow(let window, let existing): return .removeUpdateWindow(window: window, existing: existing + [window])
        case .removeUpdateWindow(let window, let existing):
            var rest = existing
            if let index = rest.firstIndex(of: window) { rest.remove(at: index) }
            return .addUpdateWindow(window: window, existing: rest)
        case .setUpdateOrder(let service, let from, let to): return .setUpdateOrder(service: service, from: to, to: from)
        case .approveRelease(let name, let version): return .withdrawReleaseApproval(name: name, version: version)
        case .withdrawReleaseApproval(let name, let version): return .approveRelease(name: name, version: version)
        case .preseedImages, .etcdSnapshot, .exportConfig, .recordBackup, .recordDrill, .markDone, .runScheduledJobs, .recordBackupCopy: return nil
        }
    }
}
