import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// The Go templates shipshape hands to `docker --format` for its state checks, in
/// one place so the planner and the demo sandbox agree on them exactly.
public enum SwarmTemplates {
    /// `active`, `pause` or `drain`.
    public static let availability = "{{.Spec.Availability}}"
    /// `worker active ready` for a node that can take new tasks.
    public static let eligibility = "{{.Spec.Role}} {{.Spec.Availability}} {{.Status.State}}"
    /// One line per worker for the confirm dialog: who would take the tasks.
    public static let workerLine = "{{.Hostname}}: {{.Status}}, {{.Availability}}"
    /// One line per task for the confirm dialog: what a drain would move.
    public static let taskLine = "{{.Name}}: {{.CurrentState}}"
    /// An image's size and its HEALTHCHECK (`null` without one).
    public static let imageFacts = "{{json .Size}} {{json .Config.Healthcheck}}"
    /// A service's effective update order: docker's default, stop-first, when none is set.
    public static let updateOrder = "{{if .Spec.UpdateConfig}}{{if .Spec.UpdateConfig.Order}}{{.Spec.UpdateConfig.Order}}{{else}}stop-first{{end}}{{else}}stop-first{{end}}"
    /// A node's state (`ready`, `down`, …), for the activate that ends a maintenance.
    public static let nodeState = "{{.Status.State}}"
    /// A service's update settings, for the update-order preview.
    public static let updateConfig = "{{json .Spec.UpdateConfig}}"

    static let presencePrefix = "{{with .Spec.TaskTemplate.Placement}}{{range .Constraints}}{{if eq . "
    static let presenceSuffix = "}}present{{end}}{{end}}{{end}}"

    /// Prints `present` when the service has exactly this constraint string, nothing
    /// otherwise (also when it has no placement at all). Exact, unlike comparing
    /// whole constraint lists, whose order docker does not promise.
    public static func constraintPresence(_ constraint: String) -> String {
        presencePrefix + goQuoted(constraint) + presenceSuffix
    }

    /// The constraint a presence template asks about (for the sandbox), or nil.
    public static func constraint(inPresence template: String) -> String? {
        guard template.hasPrefix(presencePrefix), template.hasSuffix(presenceSuffix) else { return nil }
        return goUnquoted(String(template.dropFirst(presencePrefix.count).dropLast(presenceSuffix.count)))
    }

    /// A Go interpreted string literal: the constraint reaches the template engine as
    /// data, never as template syntax.
    static func goQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func goUnquoted(_ literal: String) -> String? {
        guard literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\"") else { return nil }
        var out = String.UnicodeScalarView()
        var scalars = literal.unicodeScalars.dropFirst().dropLast()[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\" else { out.append(scalar); continue }
            switch scalars.popFirst() {
            case "\\"?: out.append("\\")
            case "\""?: out.append("\"")
            case "u"?:
                let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                scalars = scalars.dropFirst(4)
                guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
                out.append(decoded)
            default: return nil
            }
        }
        return String(out)
    }
}
