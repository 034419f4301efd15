/// The platforms shipshape knows. Raw values are used on the command line and in reports.
public enum PlatformID: String, Sendable, Hashable, Codable, CaseIterable {
    case workflow
    case deis1
    case swarm
    case deckhouse

    public var displayName: String {
        switch self {
        case .workflow: return "Deis Workflow"
        case .deis1: return "Deis v1"
        case .swarm: return "Docker Swarm"
        case .deckhouse: return "Deckhouse"
        }
    }
}
