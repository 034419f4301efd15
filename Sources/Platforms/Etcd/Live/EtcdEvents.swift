import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes
/// etcd membership events: a member stopped answering or came back, the leader changed.
public enum EtcdEvents {
    public static func events(_ old: ClusterState, _ new: ClusterState, _ make: WatchEvent.Make) -> [WatchEvent] {
        guard let before = old.etcd.value, let after = new.etcd.value else { return [] }
        var events: [WatchEvent] = []
        let previous = Dictionary(before.members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let current = Set(after.members.map(\.id))
        for member in after.members {
            guard let was = previous[member.id] else {
                events.append(make(.memberBack, member.displayName, "joined the cluster", nil))
                continue
            }
            if was.health == .healthy, member.health != .healthy {
                events.append(make(.memberLost, member.displayName, "stopped answering (\(member.health.word))", nil))
            } else if was.health != .healthy, member.health == .healthy {
                events.append(make(.memberBack, member.displayName, "healthy again", nil))
            }
        }
        for member in before.members where !current.contains(member.id) {
            events.append(make(.memberLost, member.displayName, "removed from the cluster", nil))
        }
        let oldLeader = before.leader?.displayName, newLeader = after.leader?.displayName
        if oldLeader != newLeader, oldLeader != nil || newLeader != nil {
            events.append(make(.leaderChanged, "etcd", "leader \(oldLeader ?? "none") → \(newLeader ?? "none")", nil))
        }
        return events
    }
}
