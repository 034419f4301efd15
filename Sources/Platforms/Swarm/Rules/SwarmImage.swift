import ShipshapeCore
/// What the pinned daemon knows about one service image. Swarm keeps no central
/// image store: sizes come from the manager shipshape talks to.
public enum SwarmImage: Sendable, Hashable, Codable {
    case size(Int64)
    /// Not in this daemon's store (it runs on other nodes only, or was never pulled here).
    case absent
    case unreadable(String)

    public var bytes: Int64? {
        if case .size(let bytes) = self { return bytes }
        return nil
    }
}
