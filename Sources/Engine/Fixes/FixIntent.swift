/// What a rule asks to change, independent of how. A platform adapter that has the
/// capability turns it into a `FixPlan`; rules never name commands.
public enum FixIntent: Sendable, Hashable, Codable {
    /// Set a deployment's replica count (`from` is what the rule saw).
    case scaleDeployment(namespace: String, name: String, from: Int, to: Int)
    /// Set one env variable of a deployment's container (`from` nil = unset).
    case setDeploymentEnv(namespace: String, deployment: String, container: String, variable: String, from: String?, to: String?)
    /// Set an etcd key (`from` nil = absent; `to` nil = delete).
    case etcdSetKey(key: String, from: String?, to: String?)
    /// Start a fleet unit (e.g. `deis-router@2.service`); its inverse destroys it.
    case fleetStartUnit(unit: String)
    case fleetDestroyUnit(unit: String)
    /// Run the Deis preseed script on one machine (no inverse: it only pulls images).
    case fleetPreseed(machine: String)
    /// Add / remove a placement constraint on a Swarm service.
    case swarmConstraintAdd(service: String, constraint: String)
    case swarmConstraintRemove(service: String, constraint: String)
    /// Set a Swarm node's availability (`active`, `drain`, `pause`).
    case swarmNodeAvailability(node: String, from: String, to: String)
    /// Take an etcd snapshot into the backup folder (no inverse: snapshots are kept).
    case etcdSnapshot
    /// Record that a restore drill was done (kept in the console's records).
    case recordDrill
    /// Record that a manual rule was checked by hand.
    case markDone(ruleID: String, subject: String)
    /// Set Deckhouse's release channel (`from`/`to` nil = unset, i.e. no channel).
    case deckhouseReleaseChannel(from: String?, to: String?)
    /// Add an update window to ModuleConfig `deckhouse`; `existing` are the windows it
    /// had, written back unchanged (a merge patch replaces the whole list).
    case deckhouseAddWindow(window: DeckhouseWindowSpec, existing: [DeckhouseWindowSpec])
    /// Remove the first entry equal to `window` from `existing` (the inverse of an add).
    case deckhouseRemoveWindow(window: DeckhouseWindowSpec, existing: [DeckhouseWindowSpec])

    /// One line for menus and dialogs.
    public var summary: String {
        switch self {
        case .scaleDeployment(let ns, let name, let from, let to):
            return "scale \(ns)/\(name) from \(from) to \(to) replicas"
        case .setDeploymentEnv(let ns, let deployment, _, let variable, let from, let to):
            return "set \(variable) on \(ns)/\(deployment): \(from ?? "(unset)") → \(to ?? "(unset)")"
        case .etcdSetKey(let key, let from, let to):
            return "set etcd key \(key): \(from ?? "(absent)") → \(to ?? "(absent)")"
        case .fleetStartUnit(let unit): return "start fleet unit \(unit)"
        case .fleetDestroyUnit(let unit): return "destroy fleet unit \(unit)"
        case .fleetPreseed(let machine): return "preseed Deis images on machine \(machine)"
        case .swarmConstraintAdd(let service, let constraint): return "add constraint \(constraint) to service \(service)"
        case .swarmConstraintRemove(let service, let constraint): return "remove constraint \(constraint) from service \(service)"
        case .swarmNodeAvailability(let node, let from, let to): return "set node \(node) availability \(from) → \(to)"
        case .etcdSnapshot: return "take an etcd snapshot now"
        case .recordDrill: return "record a restore drill as done"
        case .markDone(let ruleID, let subject): return "mark \(ruleID) on \(subject) as checked by hand"
        case .deckhouseReleaseChannel(let from, let to):
            return "set the Deckhouse release channel: \(from ?? "(none)") → \(to ?? "(none)")"
        case .deckhouseAddWindow(let window, _): return "add the update window \(window) (UTC) to ModuleConfig deckhouse"
        case .deckhouseRemoveWindow(let window, _): return "remove the update window \(window) (UTC) from ModuleConfig deckhouse"
        }
    }

    /// The intent that puts things back as they were; nil when there is nothing to undo.
    public var inverse: FixIntent? {
        switch self {
        case .scaleDeployment(let ns, let name, let from, let to):
            return .scaleDeployment(namespace: ns, name: name, from: to, to: from)
        case .setDeploymentEnv(let ns, let deployment, let container, let variable, let from, let to):
            return .setDeploymentEnv(namespace: ns, deployment: deployment, container: container, variable: variable, from: to, to: from)
        case .etcdSetKey(let key, let from, let to): return .etcdSetKey(key: key, from: to, to: from)
        case .fleetStartUnit(let unit): return .fleetDestroyUnit(unit: unit)
        case .fleetDestroyUnit(let unit): return .fleetStartUnit(unit: unit)
        case .fleetPreseed, .etcdSnapshot, .recordDrill, .markDone: return nil
        case .swarmConstraintAdd(let service, let constraint): return .swarmConstraintRemove(service: service, constraint: constraint)
        case .swarmConstraintRemove(let service, let constraint): return .swarmConstraintAdd(service: service, constraint: constraint)
        case .swarmNodeAvailability(let node, let from, let to): return .swarmNodeAvailability(node: node, from: to, to: from)
        case .deckhouseReleaseChannel(let from, let to): return .deckhouseReleaseChannel(from: to, to: from)
        case .deckhouseAddWindow(let window, let existing): return .deckhouseRemoveWindow(window: window, existing: existing + [window])
        case .deckhouseRemoveWindow(let window, let existing):
            var rest = existing
            if let index = rest.firstIndex(of: window) { rest.remove(at: index) }
            return .deckhouseAddWindow(window: window, existing: rest)
        }
    }
}
