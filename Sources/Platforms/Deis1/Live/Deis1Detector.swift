import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Tells whether a target is Deis v1: its fleet answers (through the pinned driver) and etcd's
/// **v2** store holds `/deis` (v3 never does: Deis v1 writes only v2). Both reads are cheap and
/// read-only, and each failure is worded with what to change.
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
        async let keysAnswer = answer(etcd.etcdctlV2(["ls", Deis1Names.prefix]))
        var reasons: [String] = []
        let fleetAnswers: Bool
        switch await fleetAnswer {
        case .success:
            fleetAnswers = true
            reasons.append("fleet answers (\(fleet.label))")
        case .failure(let error):
            fleetAnswers = false
            reasons.append("fleet does not answer (\(fleet.label)): \(Self.fleetReason(error, fleet: fleet))")
        }
        let deisKeys: Bool
        switch await keysAnswer {
        case .success(let bytes):
            deisKeys = !bytes.allSatisfy { $0 == 0x0A || $0 == 0x20 }
            reasons.append(deisKeys ? "etcd's v2 store holds /deis" : "etcd's v2 store has an empty /deis")
        case .failure(let error):
            deisKeys = false
            if EtcdV2Errors.isKeyNotFound(error) {
                reasons.append("etcd's v2 store holds no /deis (Deis v1 writes its configuration there)")
            } else {
                reasons.append(EtcdV2Errors.probeError(error, what: "etcd", endpoints: etcd.endpoints).message)
            }
        }
        return Result(fleetAnswers: fleetAnswers, deisKeys: deisKeys, reasons: reasons)
    }

    /// fleetctl's API driver against an etcd URL gets etcd's `404 page not found`: say what fixes it.
    static func fleetReason(_ error: RunError, fleet: FleetTarget) -> String {
        let stderr = error.stderr ?? ""
        if fleet.driver == .api, stderr.contains("404") {
            return "fleet's API answered 404 at \(fleet.endpoint) — that looks like an etcd endpoint: fleetctl needs --driver=etcd there (FLEETCTL_DRIVER=etcd, --fleet-driver etcd)"
        }
        if case .nonZeroExit(_, let status, let stderr) = error { return "fleetctl exited \(status): \(FleetProbe.reason(stderr))" }
        return error.description
    }

    func answer(_ command: Command) async -> Swift.Result<[UInt8], RunError> {
        do {
            return .success(try await runner.run(command).stdout)
        } catch {
            return .failure(error)
        }
    }
}
