import Foundation
import ShipshapeCore

/// What the estate board shows of one cluster beyond its findings: each platform fills in
/// what it has (a bare etcd has no update window, a swarm no etcd quorum).
public struct BoardFacts: Sendable, Equatable {
    public var nodesReady: Int?
    public var nodesTotal: Int?
    /// "3/3, tolerates 1"; nil where the platform has no quorum to speak of.
    public var quorum: String?
    /// False when the quorum is lost or at risk.
    public var quorumHealthy: Bool?
    /// The newest verified backup (snapshot, recorded export, successful backup job).
    public var lastBackup: Date?
    /// "Sat 01:00 (in 2d)"; nil where the platform has no update windows.
    public var nextWindow: String?

    public init(nodesReady: Int? = nil, nodesTotal: Int? = nil, quorum: String? = nil, quorumHealthy: Bool? = nil,
                lastBackup: Date? = nil, nextWindow: String? = nil) {
        self.nodesReady = nodesReady
        self.nodesTotal = nodesTotal
        self.quorum = quorum
        self.quorumHealthy = quorumHealthy
        self.lastBackup = lastBackup
        self.nextWindow = nextWindow
    }
}
