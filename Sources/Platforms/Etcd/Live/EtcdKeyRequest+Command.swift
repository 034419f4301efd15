import ShipshapeCore
import EtcdRules

extension EtcdKeyRequest {
    /// `get KEY -w json`, or `get KEY --keys-only -w json` for presence only.
    func command(_ target: EtcdTarget) -> Command {
        target.etcdctl(["get", key, "-w", "json"] + (presenceOnly ? ["--keys-only"] : []))
    }
}
