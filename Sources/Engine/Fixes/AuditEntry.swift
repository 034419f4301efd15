import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// One line of the audit log. Written before and after every command, so a crash
/// mid-fix still leaves a record of what was attempted.
public struct AuditEntry: Sendable, Hashable, Codable {
    public enum Step: String, Sendable, Codable {
        case planned, precondition, dryRun = "dry-run", confirmed, cancelled, run, verify, undo, refused, failed, applied
    }

    public var time: Date
    public var target: String
    public var context: String?
    public var fixID: String
    public var ruleID: String
    public var subject: String
    public var step: Step
    public var ok: Bool
    public var command: [String]?
    public var detail: String
    /// The whole plan, on `planned` entries: lets `shipshape undo` rebuild the inverse.
    public var plan: FixPlan?

    public init(time: Date = Date(), target: Target, plan: FixPlan, step: Step, ok: Bool, command: Command? = nil, detail: String, includePlan: Bool = false) {
        self.time = time
        self.target = target.name
        self.context = target.kube?.context
        self.fixID = plan.id
        self.ruleID = plan.ruleID
        self.subject = plan.subject
        self.step = step
        self.ok = ok
        self.command = command?.argv
        self.detail = Sanitizer.line(detail, maxLength: 1000)
        self.plan = includePlan ? plan : nil
    }
}
