import Foundation
import ShipshapeCore
import PaneKit
import EtcdRules

/// etcd membership: one row per member with health, leader marker, raft index lag,
/// database size and version; the summary is the quorum arithmetic in words.
public enum EtcdPane {
    public static func source(etcd: Loaded<EtcdState>?) -> ListSource<EtcdMember> {
        let state = etcd?.value
        let columns: [ListColumn<EtcdMember>] = [
            ListColumn("NAME", .slack(min: 10)) { Cell($0.displayName) },
            ListColumn("ID", .fit(max: 16)) { Cell($0.hexID, .dim) },
            ListColumn("HEALTH", .fit(max: 9)) { health($0.health) },
            ListColumn("ROLE", .fit(max: 8)) { role($0) },
            ListColumn("LAG", .fit(max: 8), sort: { .number(state?.raftLag(of: $0).map(Double.init) ?? -1) }) { member in
                let lag = state?.raftLag(of: member)
                return Cell(lag.map(String.init) ?? "-", (lag ?? 0) > 100 ? .warning : .normal)
            },
            ListColumn("DB", .fit(max: 8), sort: { .number(Double($0.status?.dbSize ?? -1)) }) { Cell($0.status.map { size($0.dbSize) } ?? "-") },
            ListColumn("VERSION", .fit(max: 8)) { Cell($0.status?.version ?? "-", .dim) },
        ]
        return ListSource(title: "etcd members", columns: columns, section: etcd, rows: \.members, empty: "no members", summary: { state in
            let quorum = state.quorum
            let allHealthy = state.members.allSatisfy { $0.health == .healthy }
            let role: StyleRole = !quorum.hasQuorum ? .critical : (quorum.remaining >= 1 && allHealthy ? .ok : .warning)
            var cells = [Cell(quorum.sentence, role)]
            if state.api == .v2 { cells.append(Cell("· v2" + (state.clusterHealth.map { ", cluster \($0.rawValue)" } ?? ""), .dim)) }
            if let error = state.keys.error { cells.append(Cell("· config unreadable: \(error.message)", .error)) }
            return cells
        }, details: { details($0, state: state) })
    }

    static func health(_ health: EtcdHealth) -> Cell {
        switch health {
        case .healthy: return Cell("healthy", .ok)
        case .unhealthy: return Cell("unhealthy", .warning)
        case .down: return Cell("down", .error)
        case .unstarted: return Cell("unstarted", .warning)
        case .unknown: return Cell("unknown", .dim)
        }
    }

    static func role(_ member: EtcdMember) -> Cell {
        if member.isLearner { return Cell("learner", .warning) }
        if member.isLeader { return Cell("★ leader", .info) }
        return Cell(member.answered ? "follower" : "-", .dim)
    }

    /// etcd databases are usually kilobytes to a few hundred megabytes.
    static func size(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\(bytes / 1024)Ki" }
        if bytes < 1_073_741_824 { return String(format: "%.1fMi", Double(bytes) / 1_048_576) }
        return String(format: "%.1fGi", Double(bytes) / 1_073_741_824)
    }

    static func details(_ member: EtcdMember, state: EtcdState?) -> (title: String, lines: [String]) {
        var lines = ["Name:        \(member.isStarted ? member.name : "(never started)")",
                     "ID:          \(member.hexID)  (\(member.id))",
                     "Health:      \(member.health.word)" + (member.health.reason.map { " — \($0)" } ?? ""),
                     "Role:        \(member.isLearner ? "learner" : member.isLeader ? "leader" : "voting member")",
                     "Peer URLs:   \(member.peerURLs.joined(separator: ", "))",
                     "Client URLs: \(member.clientURLs.isEmpty ? "-" : member.clientURLs.joined(separator: ", "))"]
        if let status = member.status {
            lines += ["", "Endpoint:    \(status.endpoint)", "Version:     \(status.version)",
                      "DB size:     \(size(status.dbSize))" + (status.dbSizeInUse.map { " (\(size($0)) in use)" } ?? ""),
                      "Raft:        term \(status.raftTerm), index \(status.raftIndex), applied \(status.raftAppliedIndex)",
                      "Lag:         \(state?.raftLag(of: member).map(String.init) ?? "-") entries behind the most advanced member"]
            if !status.errors.isEmpty { lines.append("Errors:      \(status.errors.joined(separator: "; "))") }
        } else if state?.api == .v2 {
            lines += ["", "Read through the v2 API (member list, cluster-health); no v3 status from this member."]
        } else {
            lines += ["", "Did not answer endpoint status."]
        }
        return (member.displayName, lines)
    }
}
