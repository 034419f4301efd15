import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Draws the modal dialog: help, details, confirm, busy.
@MainActor
enum DialogView {
    static func draw(_ dialog: Dialog, model: AppModel, on screen: any Screen) {
        switch dialog {
        case .details(let details):
            drawDetails(details, on: screen)
        case .busy(let text):
            box(title: "Working", lines: ["  " + text], footer: nil, role: .dialog, on: screen)
        case .confirm(let plan, let dryRun, let typed):
            box(title: plan.title, lines: confirmLines(plan, dryRun: dryRun, typed: typed, model: model),
                footer: footer(plan, dryRun: dryRun, keys: model.keys), role: model.target.production ? .production : .dialog, on: screen)
        case .windowForm(let form):
            box(title: "Add an update window", lines: WindowFormView.lines(form, model: model),
                footer: "[\(model.keys.keyName(.nextField, in: .form))] next field  [\(model.keys.keyName(.submit, in: .form))] preview and dry run  [\(model.keys.keyName(.cancel, in: .form))] cancel",
                role: model.target.production ? .production : .dialog, on: screen)
        }
    }

    /// A details view's box: nearly the whole screen, its lines wrapped to the box.
    struct DetailsLayout {
        var row: Int, col: Int, width: Int, height: Int
        var wrapped: [String]
        var bodyRows: Int
    }

    static func detailsLayout(_ details: DetailsView, rows: Int, cols: Int) -> DetailsLayout {
        let widest = details.lines.map(DisplayWidth.of).max() ?? 20
        let width = max(min(max(widest, DisplayWidth.of(details.title) + 6, 40) + 4, cols - 2), 10)
        // Continuation lines keep the indent of the line they wrap, so a list stays a list.
        let wrapped = details.lines.flatMap { line -> [String] in
            guard !line.isEmpty else { return [""] }
            let indent = line.prefix { $0 == " " }.count
            let parts = ListPane.wrap(line, width: width - 4)
            guard indent > 0, indent < width / 2 else { return parts }
            return [parts[0]] + ListPane.wrap(parts.dropFirst().joined(separator: " "), width: width - 4 - indent).map { String(repeating: " ", count: indent) + $0 }
        }
        let height = min(wrapped.count + 4, max(rows - 2, 5))
        let row = max((rows - height) / 2, 1)
        let col = max((cols - width) / 2, 0)
        return DetailsLayout(row: row, col: col, width: width, height: height, wrapped: wrapped, bodyRows: max(height - 4, 1))
    }

    static func drawDetails(_ details: DetailsView, on screen: any Screen) {
        let layout = detailsLayout(details, rows: screen.rows, cols: screen.cols)
        screen.fill(row: layout.row, col: layout.col, width: layout.width, height: layout.height, role: .dialog)
        screen.box(row: layout.row, col: layout.col, height: layout.height, width: layout.width, role: .dialog)
        screen.put(row: layout.row, col: layout.col + 2, " \(TextFit.fit(Sanitizer.line(details.title), to: layout.width - 8)) ", role: .dialogTitle)
        let scroll = min(details.scroll, max(layout.wrapped.count - layout.bodyRows, 0))
        for (offset, line) in layout.wrapped.dropFirst(scroll).prefix(layout.bodyRows).enumerated() {
            let text = Sanitizer.line(line, maxLength: 1000)
            let row = layout.row + 1 + offset
            screen.put(row: row, col: layout.col + 2, text, role: .dialog, width: layout.width - 4)
            for range in TextMatch.ranges(of: details.search, in: text) {
                screen.put(row: row, col: layout.col + 2 + DisplayWidth.of(String(text[..<range.lowerBound])), String(text[range]), role: .key, width: nil)
            }
        }
        let more = layout.wrapped.count > layout.bodyRows
            ? "lines \(scroll + 1)–\(min(scroll + layout.bodyRows, layout.wrapped.count)) of \(layout.wrapped.count) · j/k scroll · " : ""
        let search = details.search.isEmpty ? "/ search · " : "n/N next/prev “\(details.search)” · "
        screen.put(row: layout.row + layout.height - 2, col: layout.col + 2, TextFit.fit(more + search + "Esc closes", to: layout.width - 4),
                   role: .key, width: layout.width - 4)
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

    static func footer(_ plan: FixPlan, dryRun: DryRunOutcome, keys: KeyMap) -> String {
        let cancel = keys.binding(of: .cancel, in: .confirm)?.keyLabel ?? "Esc"
        guard case .accepted = dryRun else { return "[\(cancel)] close" }
        return plan.risk == .high ? "[Enter] apply when the name matches   [Esc] cancel" : "[\(keys.keyName(.confirm, in: .confirm))] apply   [\(cancel)] cancel"
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
