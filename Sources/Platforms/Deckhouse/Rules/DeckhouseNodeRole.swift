import ShipshapeCore
import KubernetesRules
import EtcdRules
/// The infrastructure roles the 004 resource table sizes. Masters carry
/// `node-role.kubernetes.io/control-plane` (or `…/master`, set for the `master` NodeGroup);
/// the others `node-role.deckhouse.io/<role>` from their NodeGroup's node template.
public enum DeckhouseNodeRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case master, frontend, monitoring, system

    public static func < (lhs: DeckhouseNodeRole, rhs: DeckhouseNodeRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The roles a node's labels give it.
    public static func roles(labels: [String: String]) -> [DeckhouseNodeRole] {
        var roles: [DeckhouseNodeRole] = []
        if labels["node-role.kubernetes.io/control-plane"] != nil || labels["node-role.kubernetes.io/master"] != nil {
            roles.append(.master)
        }
        for role in [DeckhouseNodeRole.frontend, .monitoring, .system] where labels["node-role.deckhouse.io/\(role.rawValue)"] != nil {
            roles.append(role)
        }
        return roles
    }
}
