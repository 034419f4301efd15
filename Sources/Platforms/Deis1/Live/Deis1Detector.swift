import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Tells whether a target is Deis v1: its fleet endpoint answers and etcd holds keys
/// under `/deis/`. Both reads are cheap and read-only.
public struct Deis1Detector: Sendable {
    public var runner: any CommandRunner
    public var etcd: EtcdTarget
    public var fleet: FleetTarget

    public init(runner: any CommandRunner, etcd: EtcdTarget, fleet: FleetTarget) {
        self.runner = runner
        self.etcd = etcd
        self.fleet = fleet
    }

    public struct Result: Sendable, Equatable {
        public var fleetAnswers: Bool
        public var deisKeys: Bool
        /// Why it is or is not Deis v1, in words for the start-up message.
        public var reasons: [String]

        public var isDeis1: Bool { fleetAnswers && deisKeys }
    }

    public func detect() async -> Result {
        async let fleetAnswer = answer(fleet.fleetctl(["list-machines", "--full", "--no-legend", "--fields=machine"]))
        async let keysAnswer = answer(etcd.etcdctl(["get", "/deis/", "--prefix", "--keys-only", "--limit=1", "-w", "json"]))
        var reasons: [String] = []
        let fleetAnswers: Bool
        switch await fleetAnswer {
        case .success: fleetAnswers = true; reasons.append("fleet answers at \(fleet.endpoint)")
        case .failure(let error): fleetAnswers = false; reasons.append("fleet does not answer: \(error.message)")
        }
        let deisKeys: Bool
        switch await keysAnswer {
        case .success(let bytes):
            let count = (try? EtcdDecoder.count(bytes)) ?? 0
            deisKeys = count > 0
            reasons.append(deisKeys ? "etcd holds /deis keys" : "etcd holds no /deis keys")
        case .failure(let error):
            deisKeys = false
            reasons.append("etcd could not be read: \(error.message)")
        }
        return Result(fleetAnswers: fleetAnswers, deisKeys: deisKeys, reasons: reasons)
    }

    func answer(_ command: Command) async -> Swift.Result<[UInt8], ProbeError> {
        do {
            return .success(try await runner.run(command).stdout)
        } catch {
            return .failure(ProbeError.from(error, what: command.executable))
        }
    }
}
