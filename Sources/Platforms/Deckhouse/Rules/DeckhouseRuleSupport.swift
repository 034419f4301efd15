import ShipshapeCore
import KubernetesRules
import EtcdRules
/// Where the Deckhouse rules come from, for reports and details.
enum DeckhouseSeed {
    static func section(_ name: String) -> String { "004 DVP production guide — \(name)" }
}

extension Rule {
    /// Runs `body` on the Deckhouse state; nothing when Deckhouse was not probed, one
    /// error finding when the whole state could not be read.
    func withDeckhouse(_ state: ClusterState, subject: String, _ body: (DeckhouseState) -> [Finding]) -> [Finding] {
        switch state.deckhouse {
        case .notProbed: return []
        case .failed(let error): return [unreadable(error, subject: subject)]
        case .loaded(let deckhouse): return body(deckhouse)
        }
    }

    /// Runs `body` on one section; an error finding when it failed, nothing when not probed.
    func withSection<T>(_ loaded: Loaded<T>, subject: String, _ body: (T) -> [Finding]) -> [Finding] {
        switch loaded {
        case .notProbed: return []
        case .failed(let error): return [unreadable(error, subject: subject)]
        case .loaded(let value): return body(value)
        }
    }
}

/// The subjects Deckhouse findings are about.
enum DeckhouseSubject {
    static let moduleConfig = "mc/deckhouse"
    static let windows = "update windows"
}
