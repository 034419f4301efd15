import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// One line of the activity pane: a refresh, a fix step, an error. Applied fixes
/// keep their plan so `u` can undo them.
public struct ActivityItem: Sendable {
    public enum Kind: String, Sendable { case info, fix, undo, error, refused, event, alarm }

    public var time: Date
    public var kind: Kind
    public var text: String
    public var plan: FixPlan?
    public var undone = false
    /// The cluster (target name) a fix ran on, so `u` undoes it there.
    public var cluster: String?

    public init(time: Date = Date(), kind: Kind, text: String, plan: FixPlan? = nil, cluster: String? = nil) {
        self.time = time
        self.kind = kind
        self.text = Sanitizer.line(text, maxLength: 500)
        self.plan = plan
        self.cluster = cluster
    }

    public var undoable: Bool { kind == .fix && plan != nil && !undone }
}
