import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-WINDOWS-OVERLAP: clusters that follow the same channel receive a release at the same
/// moment; if their update windows overlap, all of them may update at once and a bad
/// release hits every one. Compared across the clusters open in the console.
public struct DeckhouseWindowsOverlapRule: Rule {
    public let info = RuleInfo(
        id: "DH-WINDOWS-OVERLAP", title: "Clusters on one channel have update windows that do not overlap", severity: .warning,
        platforms: [.deckhouse], seed: DeckhouseSeed.section("Release channel and update mode"),
        rationale: "With several production clusters, use separate release channels; where that is not possible, give them update windows that do not overlap, so one cluster shows a bad release before the next installs it."
    )

    public init() {}

    /// When a cluster may install a release on its own: never in Manual mode; any time in
    /// an automatic mode without windows; inside its windows otherwise.
    public static func autoSchedule(_ settings: DeckhouseUpdateSettings) -> WeekSchedule? {
        if settings.isManual { return nil }
        if settings.windows.isEmpty { return WeekSchedule(ranges: [0..<WeekSchedule.minutesPerWeek]) }
        return settings.schedule
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = DeckhouseSubject.windows
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.settings, subject: subject) { settings in
                evaluate(settings, peers: deckhouse.peers, subject: subject)
            }
        }
    }

    func evaluate(_ settings: DeckhouseUpdateSettings, peers: [DeckhousePeer], subject: String) -> [Finding] {
        guard !peers.isEmpty else {
            return [finding(.notApplicable, subject: subject, "only this cluster is open: open the others too (--context, repeated, or --all-contexts) to compare their windows")]
        }
        guard let channel = settings.releaseChannel else {
            return [finding(.notApplicable, subject: subject, "no release channel: this cluster does not update itself")]
        }
        guard let mine = Self.autoSchedule(settings) else {
            return [finding(.pass, subject: subject, "update mode Manual: this cluster installs nothing on its own, whatever its windows")]
        }
        var clashes: [String] = [], elsewhere: [String] = [], unread: [String] = []
        for peer in peers {
            guard let theirs = peer.settings else { unread.append(peer.name); continue }
            guard let schedule = Self.autoSchedule(theirs) else { continue }
            let shared = mine.overlap(with: schedule)
            if shared.isEmpty { continue }
            if theirs.releaseChannel == channel {
                clashes.append("\(peer.name) (\(shared.summary))")
            } else if let other = theirs.releaseChannel {
                elsewhere.append("\(peer.name) on \(other)")
            }
        }
        var note = ""
        if !elsewhere.isEmpty { note += "; overlaps \(elsewhere.joined(separator: ", ")), which is fine on another channel" }
        if !unread.isEmpty { note += "; could not compare with \(unread.joined(separator: ", ")) (unreadable)" }
        if !clashes.isEmpty {
            let windows = settings.windows.isEmpty ? "no windows (updates any time)" : "windows"
            return [finding(.fail, subject: subject,
                            "\(channel): \(windows) overlap those of \(clashes.joined(separator: ", ")), on the same channel — a release may install on all of them at once\(note)")]
        }
        return [finding(.pass, subject: subject, "no other open cluster on \(channel) updates at the same time\(note)")]
    }
}
