import Foundation

/// Everything one refresh learned about the target. Value type: panes and rules read
/// a consistent snapshot while the next refresh is under way. Each platform keeps its part
/// in a section (see `StateSection`) and adds a typed accessor for it in its own module
/// (`state.swarm`, `state.kubernetes`), so the state itself names no platform.
public struct ClusterState: Sendable {
    public var target: Target
    /// When the probe read the cluster: the one clock rules that age things use.
    public var readAt: Date
    /// The console's own records (snapshots, drills, maintenance), read with each refresh.
    public var records: Loaded<ConsoleRecords> = .notProbed
    private var sections: [ObjectIdentifier: Section] = [:]

    public init(target: Target, readAt: Date = Date()) {
        self.target = target
        self.readAt = readAt
    }

    /// A platform's section; `.notProbed` until its probe stores one.
    public subscript<S: StateSection>(section type: S.Type) -> Loaded<S> {
        get { sections[ObjectIdentifier(type)]?.value as? Loaded<S> ?? .notProbed }
        set { sections[ObjectIdentifier(type)] = Section(newValue) }
    }

    /// Every section that failed, for the status bar and `check`'s exit status, in a stable order.
    public var failures: [ProbeError] {
        let all = sections.values.sorted { $0.order < $1.order }.flatMap(\.failures) + (records.error.map { [$0] } ?? [])
        // One read can feed two sections (Deckhouse decodes the node list once for both).
        return all.enumerated().filter { index, error in !all[..<index].contains(error) }.map(\.element)
    }

    private struct Section: Sendable {
        let value: any Sendable
        let failures: [ProbeError]
        let order: String

        init<S: StateSection>(_ loaded: Loaded<S>) {
            value = loaded
            order = String(reflecting: S.self)
            switch loaded {
            case .notProbed: failures = []
            case .failed(let error): failures = [error]
            case .loaded(let section): failures = section.failures
            }
        }
    }
}
