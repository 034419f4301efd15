import Foundation
import ShipshapeCore

/// What a capability needs to plan a fix: which rule asks for it, on what, against which
/// state (the plan's preview is taken from it, and refused when it no longer holds), and
/// where on this machine local work goes.
public struct PlanRequest: Sendable {
    /// Filed under this id in the audit log (a rule id, or a pane action's id).
    public var ruleID: String
    public var subject: String
    /// The state the preview is computed from: the console's last refresh.
    public var state: ClusterState?
    public var policy: Policy
    public var now: Date
    /// Where snapshots and exports go.
    public var backupDirectory: String
    public var operatorName: String

    public init(ruleID: String, subject: String, state: ClusterState?, policy: Policy = .default, now: Date = Date(),
                backupDirectory: String, operatorName: String) {
        self.ruleID = ruleID
        self.subject = subject
        self.state = state
        self.policy = policy
        self.now = now
        self.backupDirectory = backupDirectory
        self.operatorName = operatorName
    }
}
