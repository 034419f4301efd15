import Foundation
import ShipshapeCore
import PaneKit
import DeckhouseRules

/// Deckhouse releases, those waiting for approval first (oldest first), then the deployed one
/// and the rest, newest first. `f` approves the selected release when the update mode makes it
/// wait for an operator (Manual, or a new minor in AutoPatch) — with a typed confirmation,
/// and the preview saying in which update window it installs — or withdraws an approval while
/// the release still waits.
struct DeckhouseReleasesPaneSource: PaneSource {
    let deckhouse: Loaded<DeckhouseState>?
    var now = Date()
    let list: [DeckhouseRelease]
    let waiting: Set<String>
    let settings: DeckhouseUpdateSettings?

    init(deckhouse: Loaded<DeckhouseState>?, now: Date = Date()) {
        self.deckhouse = deckhouse
        self.now = now
        let state = deckhouse?.value
        settings = state?.settings.value
        let releases = state?.releases.value ?? []
        waiting = Set(DeckhouseReleaseApprovalRule.waiting(releases, mode: settings?.effectiveMode ?? "").map(\.name))
        let waitingNames = waiting
        list = releases.sorted { a, b in
            let rank = { (r: DeckhouseRelease) in waitingNames.contains(r.name) ? 0 : (r.isPending ? 1 : (r.isDeployed ? 2 : 3)) }
            let ageA = a.createdAt ?? a.since ?? .distantPast, ageB = b.createdAt ?? b.since ?? .distantPast
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            return rank(a) <= 1 ? ageA < ageB : ageA > ageB
        }
    }

    var title: String { "Releases" }
    var columns: [Column] {
        [Column("VERSION", width: 10), Column("PHASE", width: 10), Column("APPROVAL", width: 9), Column("SINCE", width: 9), Column("MESSAGE")]
    }

    var rowCount: Int { list.count }
    var errorText: String? {
        switch deckhouse {
        case .failed(let error)?: return error.message
        case .loaded(let state)?: return state.releases.error?.message
        default: return nil
        }
    }
    var emptyText: String { deckhouse == nil ? "loading…" : "no DeckhouseRelease objects (is a release channel set?)" }

    var summary: [Cell]? {
        guard let settings else { return nil }
        let mode = settings.effectiveMode
        let count = waiting.filter { name in list.first { $0.name == name }?.approved == false }.count
        var text = "mode \(mode)"
        if mode == "Manual" || mode == "AutoPatch" {
            text += count == 0 ? " · nothing waits for approval" : " · \(count) waiting for approval (f approves)"
        }
        text += " · an approved release installs \(settings.installText(now: now))"
        return [Cell(text, count > 0 ? .warning : .ok)]
    }

    func row(at index: Int) -> [Cell] {
        let release = list[index]
        let approval: Cell
        if waiting.contains(release.name) {
            approval = release.approved ? Cell("approved", .ok) : Cell("waiting", .warning)
        } else {
            approval = Cell(release.approved ? "approved" : "-", .dim)
        }
        let phaseRole: StyleRole = release.isDeployed ? .ok : (release.isPending ? .info : .dim)
        return [Cell(release.version), Cell(release.phase, phaseRole), approval,
                Cell(Formatting.ago(release.createdAt ?? release.since, now: now), .dim), Cell(release.message ?? "", .dim)]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard list.indices.contains(index) else { return nil }
        let release = list[index]
        var lines = [
            "Version:      \(release.version)",
            "Phase:        \(release.phase)",
            "Approved:     \(release.approved ? "yes" : "no")\(waiting.contains(release.name) ? " (this mode waits for an approval)" : "")",
            "Created:      \(Formatting.ago(release.createdAt, now: now))",
            "Message:      \(release.message ?? "-")",
            "", "Requirements:",
        ]
        lines += release.requirements.isEmpty ? ["  (none stated)"] : release.requirements.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        return (release.version, lines)
    }

    /// The audit log files approvals made from this pane under the rule they serve.
    static let actionID = "DH-RELEASE-APPROVAL"

    var actions: [RowAction] {
        let source = self
        return [RowAction(slot: .fix, help: "approve the selected release (typed confirmation), or withdraw an approval while it waits", mutating: true) { index in
            guard source.list.indices.contains(index) else { return .unavailable("no release selected") }
            let release = source.list[index]
            guard release.isPending else { return .unavailable("\(release.version) is \(release.phase): nothing to approve") }
            guard source.waiting.contains(release.name) else {
                return .unavailable("update mode \(source.settings?.effectiveMode ?? "?"): \(release.version) needs no approval")
            }
            let intent: FixIntent = release.approved ? .withdrawReleaseApproval(name: release.name, version: release.version)
                                                     : .approveRelease(name: release.name, version: release.version)
            return .intent(intent, ruleID: Self.actionID, subject: "deckhouserelease/\(release.name)")
        }]
    }
}
