import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The lines of the update-window form: the cluster it is for, its current windows, the
/// three fields (the focused one marked, with a cursor), and what the fields mean so far.
@MainActor
enum WindowFormView {
    static func lines(_ form: WindowForm, model: AppModel) -> [String] {
        let slot = model.clusters.indices.contains(form.cluster) ? model.clusters[form.cluster] : nil
        var lines = ["Cluster: \(slot?.target.label ?? "?")\(slot?.target.production == true ? "  (PRODUCTION)" : "")",
                     "Windows: " + (form.existing.map { $0.isEmpty ? "no update windows" : $0.map(\.description).joined(separator: "; ") } ?? "not read yet"),
                     ""]
        for field in WindowForm.Field.allCases {
            let focused = field == form.focus
            let value = form.value(of: field) + (focused ? "_" : "")
            lines.append("\(focused ? "▸" : "·") \(DisplayWidth.pad(field.label + ":", to: 6)) \(DisplayWidth.pad(value, to: 16))  \(field.hint)")
        }
        lines.append("")
        switch form.validate() {
        case .success(let window):
            let hours = Double(window.length) / 60
            lines.append("Adds: \(window) UTC, \(hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)) h per opening day")
        case .failure(let error):
            lines.append("Not yet a window: \(error.description)")
        }
        if let error = form.error { lines += ["", "Refused: \(error)"] }
        return lines
    }
}
