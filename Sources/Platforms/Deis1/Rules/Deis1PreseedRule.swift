import ShipshapeCore
import EtcdRules
/// DEIS1-PRESEED: every machine already holds the images of the installed Deis
/// release, so a component failing over does not wait for `docker pull`.
public struct Deis1PreseedRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-PRESEED", title: "Images are preseeded on every machine", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Preseeding containers"),
        rationale: "When a host fails, fleet moves its units elsewhere, and each one first pulls its image from Docker Hub; failover lasts as long as the pull. /run/deis/bin/preseed pulls every component image on a host ahead of time."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "machines"
        if let error = state.fleet.error { return [unreadable(error, subject: subject)] }
        guard let fleet = state.fleet.value else { return [] }
        let components = Set(fleet.units.compactMap(Deis1Names.component)).intersection(Deis1Names.imagedComponents).sorted()
        guard !components.isEmpty else { return [finding(.notApplicable, subject: subject, "no Deis units are loaded")] }
        guard !fleet.images.isEmpty else {
            return [finding(.manual, subject: subject, "per-machine images were not read; run \(Deis1Names.preseedScript) on every machine")]
        }
        // What /run/deis/bin/get_image names: the component's image override, else deis/COMPONENT:RELEASE.
        let keys = state.etcd.value?.keys.value ?? EtcdKeys()
        let version = keys[Deis1Names.platformVersionKey].text
        let required = components.map { Deis1Names.image(of: $0, keys: keys) ?? "deis/\($0)" }
        var findings: [Finding] = []
        for machine in fleet.machines {
            guard let images = fleet.images[machine.id] else { continue }
            if let error = images.error {
                findings.append(unreadable(error, subject: machine.label))
                continue
            }
            let held = Set(images.value ?? [])
            let heldRepositories = Set(held.map { String($0.split(separator: ":", maxSplits: 1)[0]) })
            let missing = required.filter { $0.contains(":") ? !held.contains($0) : !heldRepositories.contains($0) }
            if !missing.isEmpty {
                findings.append(finding(.fail, subject: machine.label,
                                        "lacks \(missing.count) of \(required.count) Deis images (\(Deis1PlanesRule.list(missing))); a failover here waits for docker pull",
                                        fix: .preseedImages(machine: machine.id)))
            }
        }
        if findings.isEmpty {
            let release = version.map { " of \($0)" } ?? " (release unknown: \(Deis1Names.platformVersionKey) unset)"
            return [finding(.pass, subject: subject, "all \(fleet.machines.count) machine(s) hold the \(required.count) Deis images\(release)")]
        }
        return findings
    }
}
