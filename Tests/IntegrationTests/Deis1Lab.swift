import Foundation
import Testing
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit


/// The real Deis v1 lab (`Tests/Support/deis1-lab/`, its README says what is real): a real etcd
/// 3.4 with the v2 API on, N real fleetd 1.0.0 machines in mount namespaces, the real fleetctl
/// and deisctl 1.13.4 built from the sources the repo carries. Started through `lab.py` as a child
/// process, described by the `lab.json` it writes, stopped (idempotently) in every path. Needs
/// root; every missing piece (tool, package) is an error that says what to install, never a skip.
final class Deis1Lab: @unchecked Sendable {
    /// The part of `lab.json` the tests read (schema: the lab's README).
    struct Description: Decodable {
        struct Tools: Decodable {
            let fleetctl: String
            let deisctl: String
            let etcdctl: String
            let fleetctl_shim: String
            let units: String
        }
        struct Member: Decodable {
            let name: String
            let label: String?
            let id: String?
            let client_url: String
        }
        struct Etcd: Decodable {
            let client_urls: [String]
            let endpoints: String
            let members: [Member]
        }
        struct MachineEtcd: Decodable {
            let role: String?
        }
        struct Machine: Decodable {
            let index: Int
            let name: String
            let id: String
            let public_ip: String
            let etcd: MachineEtcd
        }
        let dir: String
        let path_prepend: [String]
        let tools: Tools
        let etcd: Etcd
        let machines: [Machine]
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static let script = TestPaths.support.appendingPathComponent("deis1-lab/lab.py").path
    static let buildScript = TestPaths.packageRoot.appendingPathComponent("scripts/build-deis1-tools").path

    let directory: String
    private let lock = NSLock()
    private var described: Description
    private var stopped = false

    var info: Description { lock.withLock { described } }

    private init(directory: String, described: Description) {
        self.directory = directory
        self.described = described
    }

    /// The environment a child of these tests gets: the usual few variables, the lab's tools first
    /// on PATH (its fleetctl shim, the real deisctl), deisctl's unit templates.
    static func baseEnvironment(pathPrepend: [String] = []) -> [String: String] {
        let current = ProcessInfo.processInfo.environment
        var env = ["PATH": (pathPrepend + [current["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":"),
                   "HOME": current["HOME"] ?? "/root", "LANG": "C.UTF-8"]
        if let user = current["USER"] { env["USER"] = user }
        return env
    }

    /// `scripts/build-deis1-tools` (a cache hit costs ~0.02 s), then `lab.py start`. Returns once
    /// every etcd member answers and every fleetd machine has registered (lab.py polls).
    static func start(machines: Int, options: [String] = []) throws -> Deis1Lab {
        let build = try SpawnedBinary.run(buildScript, [], environment: baseEnvironment(), timeout: 600)
        guard build.status == 0 else { throw Failed(description: "scripts/build-deis1-tools failed (\(build.status)): \(build.stderr)") }
        let directory = try TestPaths.temporaryDirectory("deis1-lab")
        let started = try SpawnedBinary.run(script, ["start", "--dir", directory, "--machines", "\(machines)"] + options,
                                            environment: baseEnvironment(), timeout: 180)
        guard started.status == 0 else {
            _ = try? SpawnedBinary.run(script, ["stop", "--dir", directory], environment: baseEnvironment(), timeout: 60)
            throw Failed(description: "lab.py start failed (\(started.status)): \(started.stderr)")
        }
        do {
            return Deis1Lab(directory: directory, described: try read(directory))
        } catch {
            _ = try? SpawnedBinary.run(script, ["stop", "--dir", directory], environment: baseEnvironment(), timeout: 60)
            throw error
        }
    }

    static func read(_ directory: String) throws -> Description {
        try JSONDecoder().decode(Description.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/lab.json")))
    }

    /// Stops every lab process (lab.py waits for them and checks nothing carries the lab's marker),
    /// then removes the directory. Idempotent.
    func stop() {
        let first: Bool = lock.withLock { defer { stopped = true }; return !stopped }
        guard first else { return }
        let result = try? SpawnedBinary.run(Self.script, ["stop", "--dir", directory], environment: Self.baseEnvironment(), timeout: 120)
        if result?.status == 0 { try? FileManager.default.removeItem(atPath: directory) }
    }

    deinit { stop() }

    /// `lab.py COMMAND --dir D ARGS…` (kill-machine, start-machine, stop-member, start-member), then lab.json again.
    @discardableResult
    func lab(_ command: String, _ arguments: [String]) throws -> String {
        let result = try SpawnedBinary.run(Self.script, [command, "--dir", directory] + arguments, environment: Self.baseEnvironment(), timeout: 120)
        guard result.status == 0 else { throw Failed(description: "lab.py \(command) failed (\(result.status)): \(result.stderr)") }
        let fresh = try Self.read(directory)
        lock.withLock { described = fresh }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: pins, as an operator's shell would have them

    var endpoints: [String] { info.etcd.client_urls }
    var etcd: EtcdTarget { EtcdTarget(endpoints: endpoints) }
    /// fleetctl through fleet's etcd registry, all members listed (the lab's FLEETCTL_* environment).
    var fleet: FleetTarget { FleetTarget(endpoint: info.etcd.endpoints, driver: .etcd) }
    var deisctl: DeisctlTarget { DeisctlTarget(endpoint: endpoints[0]) }

    /// What shipshape's children see here: its own explicit environment, the lab's tools first on PATH.
    var toolEnvironment: [String: String] {
        var env = ProcessRunner.explicitEnvironment()
        env["PATH"] = (info.path_prepend + [env["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")
        env["DEISCTL_UNITS"] = info.tools.units
        return env
    }

    /// The environment a Deis v1 operator exports for this cluster, for the shipshape binary.
    func operatorEnvironment(stateDirectory: String) -> [String: String] {
        var env = toolEnvironment
        env["FLEETCTL_DRIVER"] = "etcd"
        env["FLEETCTL_ENDPOINT"] = info.etcd.endpoints
        env["ETCDCTL_ENDPOINTS"] = info.etcd.endpoints
        env["XDG_STATE_HOME"] = stateDirectory + "/state"
        env["XDG_DATA_HOME"] = stateDirectory + "/data"
        env["XDG_CONFIG_HOME"] = stateDirectory + "/config"
        return env
    }

    var runner: ProcessRunner { ProcessRunner(defaultTimeoutSeconds: 30, environment: toolEnvironment) }

    func adapter(readImages: Bool = true, runner: (any CommandRunner)? = nil) -> Deis1Adapter {
        let pins = Deis1Pins.deisctl(for: etcd, tunnel: nil)
        // Named as shipshape names it when it pins this cluster itself, so records match the binary's.
        return Deis1Adapter(target: Target(name: Deis1Plugin.name(fleet: fleet, etcd: etcd, deisctl: pins), platform: .deis1),
                            etcd: etcd, fleet: fleet, deisctl: pins,
                            runner: runner ?? self.runner, readImages: readImages)
    }

    // MARK: the real tools, straight (to set up and to check, independently of shipshape)

    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 120) throws -> SpawnedBinary.Result {
        try SpawnedBinary.run(executable, arguments, environment: toolEnvironment.merging(environment) { _, extra in extra }, timeout: timeout)
    }

    /// `deisctl --endpoint=E ARGS…`; fails the test setup on a non-zero exit (deisctl prints its errors on stdout).
    @discardableResult
    func deisctl(_ arguments: [String], timeout: Double = 240) throws -> String {
        let result = try run(info.tools.deisctl, ["--endpoint=\(endpoints[0])"] + arguments, timeout: timeout)
        guard result.status == 0, !result.stdout.contains("Error:") else {
            throw Failed(description: "deisctl \(arguments.joined(separator: " ")) exited \(result.status): \(result.stdout) \(result.stderr)")
        }
        return result.stdout
    }

    /// The real fleetctl (through the lab's shim: real but for `ssh`), etcd driver, all members.
    func fleetctl(_ arguments: [String]) throws -> SpawnedBinary.Result {
        try run(info.tools.fleetctl_shim, ["--driver=etcd", "--endpoint=\(info.etcd.endpoints)"] + arguments)
    }

    /// `ETCDCTL_API=2 etcdctl --endpoints=EE ARGS…`
    func etcdctlV2(_ arguments: [String]) throws -> SpawnedBinary.Result {
        try run(info.tools.etcdctl, ["--endpoints=\(info.etcd.endpoints)"] + arguments, environment: ["ETCDCTL_API": "2"])
    }

    /// `ETCDCTL_API=3 etcdctl --endpoints=EE ARGS…`
    func etcdctlV3(_ arguments: [String]) throws -> SpawnedBinary.Result {
        try run(info.tools.etcdctl, ["--endpoints=\(info.etcd.endpoints)"] + arguments, environment: ["ETCDCTL_API": "3"])
    }

    /// `fleetctl list-units` as unit → machine ID, for the routers.
    func routerMachines() throws -> [String: String] {
        let listed = try fleetctl(["list-units", "--full", "--no-legend", "--fields=unit,machine,active"])
        guard listed.status == 0 else { throw Failed(description: "fleetctl list-units: \(listed.stderr)") }
        var result: [String: String] = [:]
        for line in listed.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: true).map(String.init)
            guard fields.count == 3, fields[0].hasPrefix("deis-router@"), fields[2] == "active" else { continue }
            result[fields[0]] = String(fields[1].split(separator: "/")[0])
        }
        return result
    }
}

/// One lab for a whole suite, with the platform installed and started by the real deisctl once
/// (`install platform` ~25 s, `start platform` ~30 s on 2 cores): the expensive part is shared,
/// each test puts back what it changes, and the lab is stopped when the suite ends, however it ends.
struct Deis1PlatformLab: SuiteTrait, TestScoping {
    @TaskLocal static var current: Deis1Lab?

    let machines: Int
    let options: [String]

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let lab = try Deis1Lab.start(machines: machines, options: options)
        defer { lab.stop() }
        try lab.deisctl(["config", "platform", "set", "domain=lab.example.com"])   // install refuses without one
        try lab.deisctl(["install", "platform"], timeout: 300)
        try lab.deisctl(["start", "platform"], timeout: 300)
        try await Self.$current.withValue(lab) { try await function() }
    }
}

extension Trait where Self == Deis1PlatformLab {
    /// The shared lab: `machines` fleetd machines, lab.py's start `options`.
    static func deis1Platform(machines: Int, options: [String] = []) -> Self {
        Deis1PlatformLab(machines: machines, options: options)
    }
}
