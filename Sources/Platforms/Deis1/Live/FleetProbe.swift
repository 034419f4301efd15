import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Reads a fleet cluster through fleetctl, pinned to its driver and endpoint: machines and units
/// concurrently, then — when asked — each machine's Docker images over `fleetctl ssh`,
/// all machines at once. A machine whose images cannot be read gets a failed entry of
/// its own; only a failed machine or unit list fails the section.
public struct FleetProbe: Sendable {
    public var runner: any CommandRunner
    public var target: FleetTarget
    /// Reading images costs one SSH session per machine; the Deis v1 preseed rule needs it.
    public var readImages: Bool
    public var sshTimeoutSeconds: Double

    public init(runner: any CommandRunner, target: FleetTarget, readImages: Bool = true, sshTimeoutSeconds: Double = 20) {
        self.runner = runner
        self.target = target
        self.readImages = readImages
        self.sshTimeoutSeconds = sshTimeoutSeconds
    }

    public static let listMachinesArguments = ["list-machines", "--full", "--no-legend", "--fields=\(FleetDecoder.machineFields.joined(separator: ","))"]
    public static let listUnitsArguments = ["list-units", "--full", "--no-legend", "--fields=\(FleetDecoder.unitFields.joined(separator: ","))"]

    public func probe() async -> Loaded<FleetState> {
        async let machines = read("fleet machines", Self.listMachinesArguments, FleetDecoder.machines)
        async let units = read("fleet units", Self.listUnitsArguments, FleetDecoder.units)
        let machineList: [FleetMachine]
        let unitList: [FleetUnit]
        switch (await machines, await units) {
        case (.success(let m), .success(let u)): (machineList, unitList) = (m, u)
        case (.failure(let error), _), (_, .failure(let error)): return .failed(error)
        }
        var state = FleetState(machines: machineList, units: unitList)
        if readImages { state.images = await images(of: machineList) }
        return .loaded(state)
    }

    func read<T: Sendable>(_ what: String, _ arguments: [String],
                           _ decode: @Sendable ([UInt8]) throws(FleetTable.Failure) -> T) async -> Result<T, ProbeError> {
        do {
            let output = try await runner.run(target.fleetctl(arguments))
            do {
                return .success(try decode(output.stdout))
            } catch {
                return .failure(ProbeError(.malformed, "\(what): fleetctl output not in the documented format (\(error))"))
            }
        } catch {
            return .failure(Self.probeError(error, what: what, fleet: target))
        }
    }

    func images(of machines: [FleetMachine]) async -> [String: Loaded<[String]>] {
        await withTaskGroup(of: (String, Loaded<[String]>).self) { group in
            for machine in machines {
                group.addTask {
                    let command = target.fleetctl(["ssh", machine.id, "docker", "images"], timeoutSeconds: sshTimeoutSeconds)
                    do throws(RunError) {
                        return (machine.id, .loaded(FleetDecoder.images(try await runner.run(command).stdout)))
                    } catch {
                        return (machine.id, .failed(Self.probeError(error, what: "images on \(machine.label)")))
                    }
                }
            }
            var result: [String: Loaded<[String]>] = [:]
            for await (id, images) in group { result[id] = images }
            return result
        }
    }

    /// fleetctl's API errors come with a "Possible issues" list; the first line is the one to show.
    /// The API driver pointed at an etcd URL gets etcd's 404: that says which flag is missing.
    static func probeError(_ error: RunError, what: String, fleet: FleetTarget? = nil) -> ProbeError {
        let classified = ProbeError.from(error, what: what)
        guard case .nonZeroExit(_, let status, let stderr) = error else { return classified }
        if let fleet, fleet.driver == .api, stderr.contains("HTTP response code 404") {
            return ProbeError(.failed, "\(what): fleet's API answered 404 at \(fleet.endpoint) — an etcd endpoint needs fleetctl --driver=etcd (FLEETCTL_DRIVER=etcd, --fleet-driver etcd)")
        }
        if classified.kind == .failed {
            return ProbeError(.failed, "\(what): fleetctl exited \(status): \(reason(stderr))")
        }
        return classified
    }

    /// The line that says what went wrong: fleetctl logs Go-style lines (`2026/12/01 22:50:25 ERROR
    /// fleetctl.go:211: …`) before its own `Error retrieving …`; that one wins, log prefixes dropped.
    static func reason(_ stderr: String) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline).map { line -> String in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard let range = text.range(of: #"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (ERROR|WARN|INFO) \S+: "#, options: .regularExpression) else { return text }
            return String(text[range.upperBound...])
        }.filter { !$0.isEmpty }
        return String((lines.first { $0.hasPrefix("Error") } ?? lines.first ?? "").prefix(300))
    }
}
