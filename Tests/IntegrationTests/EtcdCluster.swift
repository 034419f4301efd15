import Foundation
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

/// A real etcd 3.4 cluster for the integration tests: `size` members started with
/// Foundation `Process` on free loopback ports (flags of reference/cli-formats.md §1.1),
/// data in a temp dir. `start` returns once `etcdctl endpoint health` passes on every
/// member (polled, never a fixed sleep); `shutdown` stops every member and removes the
/// data. A missing `etcd` binary is an error, never a skip.
final class EtcdCluster: @unchecked Sendable {
    struct Member {
        let name: String
        let clientURL: String
        let peerURL: String
        let process: Process
        /// How it was started, so `restart` can bring it back on the same data.
        var executable = ""
        var arguments: [String] = []
    }

    enum Failure: Error, CustomStringConvertible {
        case missingBinary(String)
        case noFreePort(String)

        var description: String {
            switch self {
            case .missingBinary(let name): return "\(name) not found on PATH — install Debian etcd-server and etcd-client (.ci/run does)"
            case .noFreePort(let why): return "no free loopback port: \(why)"
            }
        }
    }

    let directory: String
    let members: [Member]
    private let lock = NSLock()
    private var finished = false

    var endpoints: [String] { members.map(\.clientURL) }

    /// A runner as shipshape's own: explicit environment (each etcdctl call names its API itself).
    static func runner(extra: [String: String] = [:]) -> ProcessRunner {
        var environment = ProcessRunner.explicitEnvironment()
        for (key, value) in extra { environment[key] = value }
        return ProcessRunner(defaultTimeoutSeconds: 20, environment: environment)
    }

    private init(directory: String, members: [Member]) {
        self.directory = directory
        self.members = members
    }

    /// - Parameter enableV2: etcd 3.4's `--enable-v2` (the v2 API Deis v1 and fleet need); off, v2 calls get a 404.
    static func start(size: Int = 3, enableV2: Bool = true) async throws -> EtcdCluster {
        let etcd = try executable("etcd")
        _ = try executable("etcdctl")
        let directory = try TestPaths.temporaryDirectory("etcd-cluster")
        let ports = try freePorts(size * 2)
        let names = (1...size).map { "infra\($0)" }
        let peers = names.indices.map { "http://127.0.0.1:\(ports[$0 * 2 + 1])" }
        let clients = names.indices.map { "http://127.0.0.1:\(ports[$0 * 2])" }
        let initialCluster = names.indices.map { "\(names[$0])=\(peers[$0])" }.joined(separator: ",")
        let token = "shipshape-\(UUID().uuidString.prefix(8))"
        var members: [Member] = []
        for index in names.indices {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: etcd)
            process.arguments = [
                "--name", names[index], "--data-dir", "\(directory)/\(names[index])",
                "--listen-client-urls", clients[index], "--advertise-client-urls", clients[index],
                "--listen-peer-urls", peers[index], "--initial-advertise-peer-urls", peers[index],
                "--initial-cluster-token", token, "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
                "--logger=zap", "--log-outputs=stderr", "--enable-v2=\(enableV2)",
            ]
            _ = FileManager.default.createFile(atPath: "\(directory)/\(names[index]).log", contents: nil)
            let log = FileHandle(forWritingAtPath: "\(directory)/\(names[index]).log")
            process.standardOutput = log
            process.standardError = log
            process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            try process.run()
            members.append(Member(name: names[index], clientURL: clients[index], peerURL: peers[index], process: process,
                                  executable: etcd, arguments: process.arguments ?? []))
        }
        let cluster = EtcdCluster(directory: directory, members: members)
        do {
            let runner = runner()
            let health = EtcdTarget(endpoints: clients).etcdctl(["endpoint", "health", "-w", "json"])
            try await Polling.until("etcd cluster \(token) to be healthy", timeout: 60, every: 0.1) {
                _ = try await runner.run(health)
                return true
            }
        } catch {
            cluster.shutdown()
            throw error
        }
        return cluster
    }

    /// Stops one member as an operator's `kill` would (SIGTERM), and waits until it is gone.
    func stop(_ name: String) {
        guard let member = members.first(where: { $0.name == name }) else { return }
        Self.terminate(member.process)
    }

    private var restarted: [Process] = []

    /// Starts a stopped member again on its own data directory (it rejoins the cluster).
    func restart(_ name: String) throws {
        guard let member = members.first(where: { $0.name == name }) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: member.executable)
        process.arguments = member.arguments
        let log = FileHandle(forWritingAtPath: "\(directory)/\(name).log")
        log?.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        try process.run()
        lock.withLock { restarted.append(process) }
    }

    /// Stops every member that still runs and removes the data directory. Idempotent.
    func shutdown() {
        let first: Bool = lock.withLock {
            defer { finished = true }
            return !finished
        }
        guard first else { return }
        for member in members { Self.terminate(member.process) }
        for process in lock.withLock({ restarted }) { Self.terminate(process) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { shutdown() }

    /// SIGTERM, then SIGKILL if it has not exited within 10 s; always reaped.
    static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    static func executable(_ name: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Failure.missingBinary(name)
    }

    /// Distinct free loopback ports: all sockets stay bound until every port is known.
    static func freePorts(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure.noFreePort(String(cString: strerror(errno))) }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw Failure.noFreePort(String(cString: strerror(errno))) }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
