import ShipshapeCore
import EtcdRules
/// DEIS1-CEPH: advisory — Deis without Ceph (external S3, PostgreSQL and log service).
public struct Deis1CephRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-CEPH", title: "Deis runs without Ceph", severity: .info, platforms: [.deis1],
        seed: Deis1Seed.section("Running Deis without Ceph"),
        rationale: "Ceph (deis-store-*) keeps the control plane stateful, uses up to 2 GB of RAM per host and is hard to operate; an external S3-compatible store, PostgreSQL and log service remove it."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "deis-store"
        if let error = state.fleet.error { return [unreadable(error, subject: subject)] }
        guard let fleet = state.fleet.value else { return [] }
        var counts: [String: Int] = [:]
        for unit in fleet.units where unit.baseName.hasPrefix(Deis1Names.storePrefix) { counts[unit.baseName, default: 0] += 1 }
        if counts.isEmpty { return [finding(.pass, subject: subject, "no deis-store-* units: Deis runs without Ceph")] }
        let names = counts.sorted { $0.key < $1.key }.map { $0.value > 1 ? "\($0.key) ×\($0.value)" : $0.key }
        return [finding(.fail, subject: subject, "Ceph store units run (\(names.joined(separator: ", "))); consider external S3 + PostgreSQL + log service")]
    }
}
