import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Draws the modal dialog: help, details, confirm, busy.
@MainActor
enum DialogView {
    static func draw(_ dialog: Dialog, model: AppModel, on screen: any Screen) {
        switch dialog {
        case .help:
            var lines = KeyBinding.table.map { binding in
                "  " + DisplayWidth.pad(binding.keyLabel, to: 14) + binding.help + (binding.mutating ? "  (changes the cluster)" : "")
            }
            lines += ["", "  In a fix dialog: y applies, n / Esc / Enter cancel (Cancel is the default).",
                      "  High-risk fixes ask you to type the context name, then Enter.",
                      "  Read-only mode (--read-only, or R) disables every key that changes the cluster."]
            box(title: "Keys", lines: lines, footer: "Esc closes", role: .dialog, on: screen)
        case .details(let title, let lines):
            box(title: title, lines: lines, footer: "Esc closes", role: .dialog, on: screen)
        case .busy(let text):
            box(title: "Working", lines: ["  " + text], footer: nil, role: .dialog, on: screen)
        case .confirm(let plan, let dryRun, let typed):
            box(title: plan.title, lines: confirmLines(plan, dryRun: dryRun, typed: typed, model: model),
                footer: footer(plan, dryRun: dryRun), role: model.target.production ? .production : .dialog, on: screen)
        case .windowForm(let form):
            box(title: "Add an update window", lines: WindowFormView.lines(form, model: model),
                footer: "[Tab] next field  [Enter] preview and dry run  [Esc] cancel",
                role: model.target.production ? .production : .dialog, on: screen)
        }
    }

    static func confirmLines(_ plan: FixPlan, dryRun: DryRunOutcome, typed: String, model: AppModel) -> [String] {
        var lines = ["Target:  \(model.target.label)\(model.target.production ? "  (PRODUCTION)" : "")",
                     "Rule:    \(plan.ruleID) on \(plan.subject)", "", "Change:"]
        lines += plan.changes.map { "  \($0.what): \($0.from) → \($0.to)" }
        if !plan.notes.isEmpty {
            lines += ["", "Before you confirm:"] + plan.notes.map { "  " + $0 }
        }
        if !plan.commands.isEmpty {
            lines += ["", "Runs:"]
            lines += plan.commands.map { "  $ " + $0.displayLine }
        }
        lines += [""]
        switch dryRun {
        case .accepted(let answers):
            if plan.dryRunCommands.isEmpty {
                lines += [plan.commands.isEmpty ? "Nothing runs on the cluster: this is recorded locally."
                                                : "No server-side dry run for this tool; the live state was checked against the preview."]
            } else if plan.hasServerDryRun {
                lines += ["Server dry run: accepted"] + answers.map { "  " + $0 }
            } else {
                lines += ["No server-side dry run for this tool; the live state matches the preview, and it reads:"]
                    + answers.map { "  " + $0 }
            }
        case .rejected(let reason):
            lines += [plan.hasServerDryRun ? "Server dry run REJECTED — this fix cannot run:" : "The preview read failed — this fix cannot run:",
                      "  " + reason]
        case .stale(let reason):
            lines += ["Refused: the cluster changed since this was planned.", "  " + reason]
        }
        if plan.risk == .high, case .accepted = dryRun {
            lines += ["", "High risk: type the context name to confirm: \(typed)_"]
        }
        return lines
    }

    static func footer(_ plan: FixPlan, dryRun: DryRunOutcome) -> String {
        guard case .accepted = dryRun else { return "[Esc/n] close" }
        return plan.risk == .high ? "[Enter] apply when the name matches   [Esc] cancel" : "[y] apply   [n/Esc/Enter] cancel"
    }

    static func box(title: String, lines: [String], footer: String?, role: StyleRole, on screen: any Screen) {
        let width = min(max(lines.map(DisplayWidth.of).max() ?? 20, DisplayWidth.of(title) + 6, 40) + 4, screen.cols - 2)
        let wrapped = lines.flatMap { $0.isEmpty ? [""] : ListPane.wrap($0, width: width - 4) }
        let height = min(wrapped.count + (footer == nil ? 2 : 4), screen.rows - 2)
        let row = max((screen.rows - height) / 2, 1)
        let col = max((screen.cols - width) / 2, 1)
        screen.fill(row: row, col: col, width: width, height: height, role: .dialog)
        screen.box(row: row, col: col, height: height, width: width, role: role)
        screen.put(row: row, col: col + 2, " \(title) ", role: .dialogTitle, width: min(DisplayWidth.of(title) + 2, width - 4))
        let bodyRows = height - (footer == nil ? 2 : 4)
        for (index, line) in wrapped.prefix(bodyRows).enumerated() {
            screen.put(row: row + 1 + index, col: col + 2, Sanitizer.line(line, maxLength: 1000), role: .dialog, width: width - 4)
        }
        if let footer {
            screen.put(row: row + height - 2, col: col + 2, footer, role: .key, width: width - 4)
        }
    }
}
