import Foundation
import ShipshapeCore
import PaneKit
import EtcdRules

/// etcd membership: one row per member with health, leader marker, raft index lag,
/// database size and version; the summary is the quorum arithmetic in words.
struct EtcdPaneSource: PaneSource {
    let etcd: Loaded<EtcdState>?

    var title: String { "etcd members" }
    var columns: [Column] {
        [Column("NAME"), Column("ID", width: 16), Column("HEALTH", width: 9), Column("ROLE", width: 8),
         Column("LAG", width: 5), Column("DB", width: 7), Column("VERSION", width: 7)]
    }
    var members: [EtcdMember] { etcd?.value?.members ?? [] }
    var rowCount: Int { members.count }
    var errorText: String? { etcd?.error?.message }
    var emptyText: String { etcd == nil ? "loading…" : "no members" }

    var summary: [Cell]? {
        guard let state = etcd?.value else { return nil }
        let quorum = state.quorum
        let allHealthy = state.members.allSatisfy { $0.health == .healthy }
        let role: StyleRole = !quorum.hasQuorum ? .critical : (quorum.remaining >= 1 && allHealthy ? .ok : .warning)
        var cells = [Cell(quorum.sentence, role)]
        if state.api == .v2 { cells.append(Cell("· v2" + (state.clusterHealth.map { ", cluster \($0.rawValue)" } ?? ""), .dim)) }
        if let error = state.keys.error { cells.append(Cell("· config unreadable: \(error.message)", .error)) }
        return cells
    }

    func row(at index: Int) -> [Cell] {
        let member = members[index]
        let lag = etcd?.value?.raftLag(of: member)
        return [Cell(member.displayName), Cell(member.hexID, .dim), Self.health(member.health), role(member),
                Cell(lag.map(String.init) ?? "-", (lag ?? 0) > 100 ? .warning : .normal),
                Cell(member.status.map { Self.size($0.dbSize) } ?? "-"), Cell(member.status?.version ?? "-", .dim)]
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

    func role(_ member: EtcdMember) -> Cell {
        if member.isLearner { return Cell("learner", .warning) }
        guard let state = etcd?.value else { return Cell("-", .dim) }
        if state.isLeader(member) { return Cell("★ leader", .info) }
        return Cell(state.leadershipKnown && member.health == .healthy ? "follower" : "-", .dim)
    }

    /// etcd databases are usually kilobytes to a few hundred megabytes.
    static func size(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\(bytes / 1024)Ki" }
        if bytes < 1_073_741_824 { return String(format: "%.1fMi", Double(bytes) / 1_048_576) }
        return String(format: "%.1fGi", Double(bytes) / 1_073_741_824)
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard members.indices.contains(index) else { return nil }
        let member = members[index]
        var lines = ["Name:        \(member.isStarted ? member.name : "(never started)")",
                     "ID:          \(member.hexID)  (\(member.id))",
                     "Health:      \(member.health.word)" + (member.health.reason.map { " — \($0)" } ?? ""),
                     "Role:        \(member.isLearner ? "learner" : etcd?.value?.isLeader(member) == true ? "leader" : "voting member")",
                     "Peer URLs:   \(member.peerURLs.joined(separator: ", "))",
                     "Client URLs: \(member.clientURLs.isEmpty ? "-" : member.clientURLs.joined(separator: ", "))"]
        if let status = member.status {
            lines += ["", "Endpoint:    \(status.endpoint)", "Version:     \(status.version)",
                      "DB size:     \(Self.size(status.dbSize))" + (status.dbSizeInUse.map { " (\(Self.size($0)) in use)" } ?? ""),
                      "Raft:        term \(status.raftTerm), index \(status.raftIndex), applied \(status.raftAppliedIndex)",
                      "Lag:         \(etcd?.value?.raftLag(of: member).map(String.init) ?? "-") entries behind the most advanced member"]
            if !status.errors.isEmpty { lines.append("Errors:      \(status.errors.joined(separator: "; "))") }
        } else if etcd?.value?.api == .v2 {
            lines += ["", "Read through the v2 API (member list, cluster-health); no v3 status from this member."]
        } else {
            lines += ["", "Did not answer endpoint status."]
        }
        return (member.displayName, lines)
    }
}
