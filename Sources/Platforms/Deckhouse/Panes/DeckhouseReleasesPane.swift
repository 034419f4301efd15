import Foundation
import ShipshapeCore
import PaneKit
import DeckhouseRules

/// Deckhouse releases, those waiting for approval first (oldest first), then the deployed one
/// and the rest, newest first. `f` approves the selected release when the update mode makes it
/// wait for an operator (Manual, or a new minor in AutoPatch) — with a typed confirmation,
/// and the preview saying in which update window it installs — or withdraws an approval while
/// the release still waits.
public enum DeckhouseReleasesPane {
    /// The audit log files approvals made from this pane under the rule they serve.
    static let actionID = "DH-RELEASE-APPROVAL"

    /// What every row needs: which releases this update mode makes wait, and the settings.
    struct Facts: Sendable {
        var waiting: Set<String>
        var settings: DeckhouseUpdateSettings?
        var now: Date
    }

    public static func source(deckhouse: Loaded<DeckhouseState>?, now: Date = Date()) -> ListSource<DeckhouseRelease> {
        let state = deckhouse?.value
        let settings = state?.settings.value
        let releases = state?.releases.value ?? []
        let waiting = Set(DeckhouseReleaseApprovalRule.waiting(releases, mode: settings?.effectiveMode ?? "").map(\.name))
        let facts = Facts(waiting: waiting, settings: settings, now: now)
        let list = ordered(releases, waiting: waiting)
        let columns: [ListColumn<DeckhouseRelease>] = [
            ListColumn("VERSION", .fit(max: 12)) { Cell($0.version) },
            ListColumn("PHASE", .fit(max: 10)) { release in
                Cell(release.phase, release.isDeployed ? .ok : (release.isPending ? .info : .dim))
            },
            ListColumn("APPROVAL", .fit(max: 9)) { approval($0, facts) },
            ListColumn("SINCE", .fit(max: 9), sort: { .number(-($0.createdAt ?? $0.since ?? .distantPast).timeIntervalSince1970) }) {
                Cell(Formatting.ago($0.createdAt ?? $0.since, now: now), .dim)
            },
            ListColumn("MESSAGE", .slack(min: 10)) { Cell($0.message ?? "", .dim) },
        ]
        let action = ListAction<DeckhouseRelease>(slot: .fix, label: "approve",
                                                  help: "approve the selected release (typed confirmation), or withdraw an approval while it waits",
                                                  mutating: true) { release in
            guard release.isPending else { return .unavailable("\(release.version) is \(release.phase): nothing to approve") }
            guard facts.waiting.contains(release.name) else {
                return .unavailable("update mode \(facts.settings?.effectiveMode ?? "?"): \(release.version) needs no approval")
            }
            let intent: FixIntent = release.approved ? .withdrawReleaseApproval(name: release.name, version: release.version)
                                                     : .approveRelease(name: release.name, version: release.version)
            return .intent(intent, ruleID: actionID, subject: "deckhouserelease/\(release.name)")
        }
        let errorText: String? = switch deckhouse {
        case .failed(let error)?: error.message
        case .loaded(let state)?: state.releases.error?.message
        default: nil
        }
        return ListSource(title: "Releases", columns: columns, rows: list, errorText: errorText,
                          emptyText: deckhouse == nil ? "loading…" : "no DeckhouseRelease objects (is a release channel set?)",
                          summary: summary(list, facts), details: { details($0, facts) }, actions: [action])
    }

    /// Waiting first, oldest first (the one to approve next on top); then the deployed one and
    /// the rest, newest first.
    static func ordered(_ releases: [DeckhouseRelease], waiting: Set<String>) -> [DeckhouseRelease] {
        let rank = { (r: DeckhouseRelease) in waiting.contains(r.name) ? 0 : (r.isPending ? 1 : (r.isDeployed ? 2 : 3)) }
        return releases.sorted { a, b in
            let ageA = a.createdAt ?? a.since ?? .distantPast, ageB = b.createdAt ?? b.since ?? .distantPast
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            return rank(a) <= 1 ? ageA < ageB : ageA > ageB
        }
    }

    static func approval(_ release: DeckhouseRelease, _ facts: Facts) -> Cell {
        guard facts.waiting.contains(release.name) else { return Cell(release.approved ? "approved" : "-", .dim) }
        return release.approved ? Cell("approved", .ok) : Cell("waiting", .warning)
    }

    static func summary(_ list: [DeckhouseRelease], _ facts: Facts) -> [Cell]? {
        guard let settings = facts.settings else { return nil }
        let mode = settings.effectiveMode
        let count = facts.waiting.filter { name in list.first { $0.name == name }?.approved == false }.count
        var text = "mode \(mode)"
        if mode == "Manual" || mode == "AutoPatch" {
            text += count == 0 ? " · nothing waits for approval" : " · \(count) waiting for approval (f approves)"
        }
        text += " · an approved release installs \(settings.installText(now: facts.now))"
        return [Cell(text, count > 0 ? .warning : .ok)]
    }

    static func details(_ release: DeckhouseRelease, _ facts: Facts) -> (title: String, lines: [String]) {
        var lines = [
            "Version:      \(release.version)",
            "Phase:        \(release.phase)",
            "Approved:     \(release.approved ? "yes" : "no")\(facts.waiting.contains(release.name) ? " (this mode waits for an approval)" : "")",
            "Created:      \(Formatting.ago(release.createdAt, now: facts.now))",
            "Message:      \(release.message ?? "-")",
            "", "Requirements:",
        ]
        lines += release.requirements.isEmpty ? ["  (none stated)"] : release.requirements.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        return (release.version, lines)
    }
}
