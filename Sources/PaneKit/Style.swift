import Foundation
import ShipshapeCore
/// What a piece of text *is* on screen, not how it looks.
///
/// Panes draw with roles; the active `Theme` decides colours and attributes per role,
/// so a theme file (or `NO_COLOR`) restyles the whole console without touching a pane.
public enum StyleRole: String, CaseIterable, Sendable {
    /// Ordinary text.
    case normal
    /// Secondary text: timestamps, hints, disabled items.
    case dim
    /// Pane titles.
    case title
    /// Pane and dialog frames.
    case border
    /// The selected row of a list.
    case selected
    /// Column headers of a table.
    case header
    /// The status bar along the bottom (pinned target, mode, clock).
    case statusBar
    /// Healthy state.
    case ok
    /// Needs attention soon.
    case warning
    /// Broken or failing.
    case error
    /// Broken and risking the cluster now.
    case critical
    /// Neutral information.
    case info
    /// A target marked production by policy: drawn in its own style everywhere.
    case production
    /// The body of a dialog.
    case dialog
    /// The title line of a dialog.
    case dialogTitle
    /// Key names in key hints ("Enter", "q").
    case key
}
