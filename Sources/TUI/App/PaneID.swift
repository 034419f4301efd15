/// The panes of the console, in Tab order.
public enum PaneID: String, Sendable, CaseIterable {
    case nodes = "Nodes"
    case router = "Router scale"
    case findings = "Findings"
    case activity = "Activity"
}
