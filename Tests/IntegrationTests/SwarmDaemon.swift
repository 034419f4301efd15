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

/// One real dockerd for the Swarm tests, in a network namespace and a UTS namespace
/// (its own hostname) of its own, on a private unix socket, with its own data and
/// exec roots — nothing shared with a system dockerd. Started through
/// `nsenter --net --uts`, not `ip netns exec`, which remounts /sys and hides the
/// cgroups dockerd needs.
final class SwarmDaemon: @unchecked Sendable {
    let root: String
    let netns: String
    let hostname: String
    /// Its address on the veth link, where swarm traffic goes.
    let address: String
    private let process: Process

    var socket: String { root + "/d.sock" }
    var host: String { "unix://" + socket }
    var docker: DockerTarget { DockerTarget(host: host) }
    var logPath: String { root + "/dockerd.log" }

    private init(root: String, netns: String, hostname: String, address: String, process: Process) {
        self.root = root
        self.netns = netns
        self.hostname = hostname
        self.address = address
        self.process = process
    }

    /// - Parameter extraArguments: more dockerd flags (a TLS listener for the TLS test).
    static func start(root: String, netns: String, hostname: String, address: String, extraArguments: [String] = []) async throws -> SwarmDaemon {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // A persistent UTS namespace (bind-mounted on a file) carries the hostname: argv only, no shell.
        let uts = root + "/uts"
        _ = FileManager.default.createFile(atPath: uts, contents: nil)
        try await SwarmHostTools.run(["unshare", "--uts=\(uts)", "hostname", hostname])
        _ = FileManager.default.createFile(atPath: root + "/dockerd.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/dockerd.log"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SwarmHostTools.which("nsenter"))
        process.arguments = ["--net=/var/run/netns/\(netns)", "--uts=\(uts)", try SwarmHostTools.which("dockerd"),
                             "--host", "unix://\(root)/d.sock", "--data-root", root + "/data", "--exec-root", root + "/x",
                             "--pidfile", root + "/d.pid", "--storage-driver", "vfs", "--iptables=false", "--bridge=none"] + extraArguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let daemon = SwarmDaemon(root: root, netns: netns, hostname: hostname, address: address, process: process)
        do {
            try await Polling.until("dockerd on \(daemon.host) to answer", timeout: 60, every: 0.1) {
                guard daemon.process.isRunning else { throw SwarmLabError("dockerd exited: \(daemon.logTail())") }
                return (try? await daemon.run(["info", "--format", "{{.ID}}"])) != nil
            }
        } catch {
            await daemon.stop()
            throw SwarmLabError("dockerd did not come up on \(daemon.host): \(error); log: \(daemon.logTail())")
        }
        return daemon
    }

    @discardableResult
    func run(_ arguments: [String], timeout: Double? = nil) async throws -> String {
        try await SwarmHostTools.run(docker.docker(arguments).argv, timeout: timeout)
    }

    var isRunning: Bool { process.isRunning }

    /// SIGTERM, then wait for the exit (SIGKILL after 40 s): the daemon unmounts its
    /// own roots on the way out, and nothing may be deleted under a live daemon.
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(40)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        }
    }

    func logTail(_ lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
