import ShipshapeCore
import PaneKit
/// How one `StyleRole` looks: colours plus attributes.
public struct RoleStyle: Sendable, Hashable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(fg: ThemeColor = .default, bg: ThemeColor = .default,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// True when the style sets a colour (rather than attributes only).
    public var hasColour: Bool { fg != .default || bg != .default }

    /// The same attributes without colours: what a colourless terminal can show.
    public var withoutColour: RoleStyle {
        RoleStyle(bold: bold, dim: dim, reverse: reverse, underline: underline)
    }
}
