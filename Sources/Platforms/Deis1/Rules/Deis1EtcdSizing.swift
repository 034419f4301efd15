import ShipshapeCore
import EtcdRules
/// Deis' "Isolating etcd" sizing (RULES.md DEIS1-ETCD-SIZE): on 3 to 5 machines etcd may run on
/// every machine (3, 4 or 5 members); beyond 5 machines, 3 or 5 members and proxies elsewhere.
public enum Deis1EtcdSizing {
    public enum Verdict: Equatable {
        case accepted(String)
        case rejected(String)
    }

    public static func judge(members: Int, machines: Int?) -> Verdict {
        let on = machines.map { " on \($0) machine(s)" } ?? ""
        if members < 3 { return .rejected("\(members) member(s)\(on): fewer than 3 cannot lose one; run 3") }
        guard let machines else {
            return members == 3 || members == 5 ? .accepted("\(members) members") : .rejected("\(members) members: run 3 or 5 (fleet's machines unknown)")
        }
        if machines <= 5 {
            if members == machines { return .accepted("etcd on every one of the \(machines) machines") }
            if members == 3 || members == 5 { return .accepted("\(members) members on \(machines) machines") }
            return .rejected("\(members) members on \(machines) machines: run etcd on every machine, or on 3")
        }
        if members == 3 || members == 5 { return .accepted("\(members) members; the other \(machines - members) machine(s) should be proxies") }
        if members > 5 { return .rejected("\(members) full members\(on): keep 3 or 5 members and run the other machines as etcd proxies") }
        return .rejected("\(members) members\(on): an even count tolerates no more failures than \(members - 1); run 3 or 5")
    }

    /// For ETCD-QUORUM: why an even member count is fine here, if it is (etcd on every machine of
    /// a 4-machine cluster).
    public static func evenCountAcceptance(_ state: ClusterState) -> String? {
        guard let etcd = state.etcd.value, let machines = state.fleet.value?.machines.count else { return nil }
        let members = etcd.members.filter { !$0.isLearner }.count
        guard members % 2 == 0, (3...5).contains(machines), members == machines else { return nil }
        return "etcd on every one of the \(machines) machines, as DEIS1-ETCD-SIZE allows"
    }
}
