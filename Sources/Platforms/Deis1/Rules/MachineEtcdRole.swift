import Foundation
import ShipshapeCore
import EtcdRules

/// Whether a fleet machine runs a full etcd member or (by elimination) an etcd proxy.
/// A proxy never appears in any member list (reference/cli-formats.md §1.7), so the only
/// evidence from outside is the member list itself: a machine whose IP is not a host in
/// any member's peer or client URLs, and whose ID is no member's name, is taken as a
/// proxy — Deis v1 runs etcd on every machine, one way or the other.
public enum MachineEtcdRole: String, Sendable {
    case member
    case proxy

    public static func of(_ machine: FleetMachine, in etcd: EtcdState) -> MachineEtcdRole {
        for member in etcd.members {
            if member.name == machine.id { return .member }
            if let ip = machine.ip, (member.peerURLs + member.clientURLs).contains(where: { host(of: $0) == ip }) { return .member }
        }
        return .proxy
    }

    static func host(of url: String) -> String? {
        URLComponents(string: url)?.host
    }
}
