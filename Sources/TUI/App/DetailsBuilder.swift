import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The text of the details dialog for the selected row of the focused pane.
@MainActor
enum DetailsBuilder {
    static func details(for model: AppModel) -> Dialog? {
        switch model.focus {
        case .findings:
            guard let finding = model.selectedFinding else { return nil }
            var lines = ["Rule:      \(finding.rule.id) — \(finding.rule.title)",
                         "Severity:  \(finding.severity.rawValue)    Verdict: \(finding.verdict.rawValue)",
                         "Subject:   \(finding.subject)",
                         "Source:    \(finding.rule.seed)", "",
                         finding.message, "", "Why: " + finding.rule.rationale]
            lines += ["", finding.fix.map { "Fix (f): " + $0.summary } ?? "Fix: by hand — this rule has no automatic fix."]
            return .details(title: finding.rule.id, lines: lines)
        case .activity:
            guard let index = model.selectedActivityIndex else { return nil }
            let item = model.activity.elements[index]
            var lines = [Formatting.clock(item.time) + "  " + item.kind.rawValue, "", item.text]
            if let plan = item.plan {
                lines += ["", "Commands run:"] + plan.commands.map { "  $ " + $0.displayLine }
                lines += ["", item.undone ? "Undone." : "u undoes this fix (preview and confirmation first)."]
            }
            return .details(title: "Activity", lines: lines)
        default:
            let source = ConsolePanes.source(model.focus, model: model)
            return source.details(at: model.selected(model.focus)).map { .details(title: $0.title, lines: $0.lines) }
        }
    }
}
