import ShipshapeCore
import PaneKit
/// The look of every `StyleRole`: loaded from a YAML file in `themes/` by `ThemeLoader`,
/// or one of the built-ins (`builtInDefault`, `monochrome`).
public struct Theme: Sendable, Equatable {
    /// The theme's name, as given in its file (or the file name).
    public var name: String
    /// One style per role; always complete.
    public private(set) var styles: [StyleRole: RoleStyle]

    /// A theme from the given styles. Roles left out take their `monochrome` style, so a
    /// partial theme stays readable (selection still shows, errors still stand out).
    public init(name: String, styles: [StyleRole: RoleStyle]) {
        self.name = name
        var complete = styles
        for role in StyleRole.allCases where complete[role] == nil {
            complete[role] = Theme.monochromeStyles[role]
        }
        self.styles = complete
    }

    /// The style of `role`.
    public subscript(role: StyleRole) -> RoleStyle {
        styles[role] ?? RoleStyle()
    }

    /// True when any role sets a colour.
    public var usesColour: Bool { styles.values.contains { $0.hasColour } }

    /// Attributes only, no colour: used when `NO_COLOR` is set or the terminal has no
    /// colours. Roles stay distinguishable by reverse, bold, underline and dim alone.
    public static let monochrome = Theme(name: "monochrome", styles: monochromeStyles)

    /// The theme compiled into the binary (identical to `themes/default.yaml`), so the
    /// console works with no files installed.
    public static let builtInDefault: Theme = {
        do {
            return try ThemeLoader.parse(yaml: BuiltInThemes.defaultYAML, source: "built-in default theme")
        } catch {
            // The constant is checked by a test; reaching this is a build defect.
            fatalError("built-in default theme does not parse: \(error)")
        }
    }()

    private static let monochromeStyles: [StyleRole: RoleStyle] = [
        .normal: RoleStyle(),
        .dim: RoleStyle(dim: true),
        .title: RoleStyle(bold: true),
        .border: RoleStyle(),
        .selected: RoleStyle(reverse: true),
        .header: RoleStyle(bold: true, underline: true),
        .statusBar: RoleStyle(reverse: true),
        .ok: RoleStyle(),
        .warning: RoleStyle(bold: true),
        .error: RoleStyle(bold: true),
        .critical: RoleStyle(bold: true, reverse: true),
        .info: RoleStyle(),
        .production: RoleStyle(bold: true, underline: true),
        .dialog: RoleStyle(),
        .dialogTitle: RoleStyle(bold: true),
        .key: RoleStyle(bold: true),
    ]
}
