import ShipshapeCore
/// Where the Swarm rules come from: the MedStack Control production guide.
enum SwarmSeed {
    static func section(_ name: String) -> String { "003 MedStack Control, Go to Production — \(name)" }
}

extension Rule {
    /// Runs `body` on the swarm section; an unreadable swarm gives one `.error`
    /// finding, a platform without a swarm gives none.
    func withSwarm(_ state: ClusterState, subject: String, _ body: (SwarmState) -> [Finding]) -> [Finding] {
        switch state.swarm {
        case .notProbed: return []
        case .failed(let error): return [unreadable(error, subject: subject)]
        case .loaded(let swarm): return body(swarm)
        }
    }
}
