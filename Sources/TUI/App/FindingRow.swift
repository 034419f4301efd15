import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// A row of the findings pane: which cluster it comes from, and the finding.
public struct FindingRow: Sendable {
    public var cluster: Int
    public var finding: Finding
}
