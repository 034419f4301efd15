import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// Counts what each store holds, cheaply: v3 `get "" --prefix --keys-only --limit=1 -w json`
/// (its `count` is the whole keyspace) and v2 `ls /`. A store that cannot be read stays nil.
struct EtcdStoreUseProbe: Sendable {
    var runner: any CommandRunner
    var target: EtcdTarget

    func probe() async -> EtcdStoreUse {
        async let v3 = runner.run(target.etcdctl(["get", "", "--prefix", "--keys-only", "--limit=1", "-w", "json"]))
        async let v2 = runner.run(target.etcdctlV2(["--timeout", "2s", "--total-timeout", "4s", "ls", "/"]))
        let v3Keys = (try? await v3).flatMap { try? EtcdDecoder.count($0.stdout) }
        let v2Top = (try? await v2).map { EtcdV2Decoder.listing(String(decoding: $0.stdout, as: UTF8.self)).count }
        return EtcdStoreUse(v3Keys: v3Keys, v2TopLevel: v2Top)
    }
}
