import Foundation
import ShipshapeCore

/// One `docker events` line about a node, as a manager logs it when the node object changes
/// (moby `daemon/events.go` `logNodeEvent`): the attributes `state.old`/`state.new` and
/// `availability.old`/`availability.new` appear only when that field changed. A worker that
/// stops answering shows `ready → down`; a manager that starts again marks every node
/// `unknown`, and each one that answers `unknown → ready`.
public struct SwarmNodeEvent: Sendable, Hashable, Codable {
    public var nodeID: String
    public var time: Date
    public var stateOld: String?
    public var stateNew: String?
    public var availabilityOld: String?
    public var availabilityNew: String?

    public init(nodeID: String, time: Date, stateOld: String? = nil, stateNew: String? = nil,
                availabilityOld: String? = nil, availabilityNew: String? = nil) {
        self.nodeID = nodeID
        self.time = time
        self.stateOld = stateOld
        self.stateNew = stateNew
        self.availabilityOld = availabilityOld
        self.availabilityNew = availabilityNew
    }
}
