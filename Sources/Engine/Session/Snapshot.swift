import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// One refresh's result: the state, the findings, and how long reading took.
public struct Snapshot: Sendable {
    public var state: ClusterState
    public var findings: [Finding]
    public var duration: Duration

    public init(state: ClusterState, findings: [Finding], duration: Duration) {
        self.state = state
        self.findings = findings
        self.duration = duration
    }

    public var failing: [Finding] { findings.filter { $0.verdict == .fail } }
}
