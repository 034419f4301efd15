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

/// The Swarm test bed: a short root under /tmp (unix socket paths must stay under
/// 108 bytes), two network namespaces joined by a veth pair whose addresses exist
/// only inside them, a manager dockerd and, on demand, a worker that joins over the
/// veth. `tearDown` removes everything, in the order DESIGN.md gives.
final class SwarmLab: @unchecked Sendable {
    static let image = "ssd/sleeper:1.0"

    let root: String
    let suffix: String
    let managerNetns: String
    let workerNetns: String
    let managerAddress: String
    let workerAddress: String
    private(set) var manager: SwarmDaemon?
    private(set) var worker: SwarmDaemon?
    private var veth: String

    private init(root: String) {
        self.root = root
        suffix = String(root.suffix(6)).lowercased().filter { $0.isLetter || $0.isNumber }
        managerNetns = "ssd-\(suffix)-m"
        workerNetns = "ssd-\(suffix)-w"
        veth = "ssd\(suffix)"
        // A /30 from the benchmarking range, used only inside our own namespaces.
        let octet = Int.random(in: 0...255)
        managerAddress = "198.18.\(octet).1"
        workerAddress = "198.18.\(octet).2"
    }

    /// Creates the root and the namespaces; starts no daemon.
    static func create() async throws -> SwarmLab {
        var template = Array("/tmp/ssd-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SwarmLabError("mkdtemp failed: \(String(cString: strerror(errno)))") }
        let lab = SwarmLab(root: String(cString: made))
        do {
            for tool in ["dockerd", "docker", "nsenter", "unshare", "ip", "tar", "tmux"] { _ = try SwarmHostTools.which(tool) }
            _ = try lab.busybox()
            try await SwarmHostTools.run(["ip", "netns", "add", lab.managerNetns])
            try await SwarmHostTools.run(["ip", "netns", "add", lab.workerNetns])
            try await SwarmHostTools.run(["ip", "link", "add", lab.veth + "m", "type", "veth", "peer", "name", lab.veth + "w"])
            try await SwarmHostTools.run(["ip", "link", "set", lab.veth + "m", "netns", lab.managerNetns])
            try await SwarmHostTools.run(["ip", "link", "set", lab.veth + "w", "netns", lab.workerNetns])
            for (ns, link, address) in [(lab.managerNetns, lab.veth + "m", lab.managerAddress), (lab.workerNetns, lab.veth + "w", lab.workerAddress)] {
                try await SwarmHostTools.run(["ip", "-n", ns, "addr", "add", address + "/30", "dev", link])
                try await SwarmHostTools.run(["ip", "-n", ns, "link", "set", link, "up"])
                try await SwarmHostTools.run(["ip", "-n", ns, "link", "set", "lo", "up"])
            }
            try await lab.makeImageTar()
        } catch {
            await lab.tearDown()
            throw error
        }
        return lab
    }

    func busybox() throws -> String {
        for path in ["/bin/busybox", "/usr/bin/busybox"] where FileManager.default.isExecutableFile(atPath: path) { return path }
        throw SwarmLabError("busybox is not installed (Debian busybox-static)")
    }

    /// A folder holding a static busybox with `sh` and `sleep` links, as a tar for `docker import`.
    func makeImageTar() async throws {
        let bin = root + "/img/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try busybox(), toPath: bin + "/busybox")
        for link in ["sh", "sleep"] { try FileManager.default.createSymbolicLink(atPath: bin + "/" + link, withDestinationPath: "busybox") }
        try await SwarmHostTools.run(["tar", "-C", root + "/img", "-cf", root + "/img.tar", "."])
    }

    /// Starts the manager dockerd (no swarm yet); `extraArguments` go to dockerd.
    func startManager(extraArguments: [String] = []) async throws -> SwarmDaemon {
        let daemon = try await SwarmDaemon.start(root: root + "/m", netns: managerNetns, hostname: "ssd-mgr-\(suffix)", address: managerAddress,
                                                 extraArguments: extraArguments)
        manager = daemon
        try await daemon.run(["import", root + "/img.tar", Self.image])
        return daemon
    }

    /// `docker swarm init` on the manager's veth address. Port 2377 is free by
    /// construction: the namespace is new and ours alone.
    func initSwarm() async throws {
        guard let manager else { throw SwarmLabError("no manager started") }
        let address = "\(managerAddress):2377"
        try await manager.run(["swarm", "init", "--listen-addr", address, "--advertise-addr", address], timeout: 60)
    }

    /// Starts the worker dockerd in its own namespace and joins it over the veth.
    func addWorker() async throws -> SwarmDaemon {
        guard let manager else { throw SwarmLabError("no manager started") }
        let daemon = try await SwarmDaemon.start(root: root + "/w", netns: workerNetns, hostname: "ssd-wrk-\(suffix)", address: workerAddress)
        worker = daemon
        try await daemon.run(["import", root + "/img.tar", Self.image])
        let token = try await manager.run(["swarm", "join-token", "-q", "worker"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try await daemon.run(["swarm", "join", "--token", token, "--listen-addr", "\(workerAddress):2377",
                              "--advertise-addr", "\(workerAddress):2377", "\(managerAddress):2377"], timeout: 60)
        try await Polling.until("the worker to be Ready in the swarm", timeout: 60, every: 0.1) {
            let lines = try await manager.run(["node", "ls", "--format", "{{.Hostname}} {{.Status}}"])
            return lines.contains("\(daemon.hostname) Ready")
        }
        return daemon
    }

    /// Stops the worker's dockerd and starts it again on the same data: what the manager sees of
    /// a node being rebooted — it misses the heartbeats (down), then the node rejoins (ready).
    /// The closest to a reboot a lab of daemons in namespaces can do; it says so where used.
    func restartWorker(whileDown: (() async throws -> Void)? = nil) async throws {
        guard let manager, let old = worker else { throw SwarmLabError("no worker to restart") }
        await old.stop()
        try await Polling.until("the manager to see \(old.hostname) down", timeout: 90, every: 0.2) {
            try await manager.run(["node", "ls", "--format", "{{.Hostname}} {{.Status}}"]).contains("\(old.hostname) Down")
        }
        try await whileDown?()
        let daemon = try await SwarmDaemon.start(root: root + "/w", netns: workerNetns, hostname: old.hostname, address: workerAddress)
        worker = daemon
        try await Polling.until("\(old.hostname) Ready again", timeout: 90, every: 0.2) {
            try await manager.run(["node", "ls", "--format", "{{.Hostname}} {{.Status}}"]).contains("\(old.hostname) Ready")
        }
    }

    /// Imports the busybox image under another tag on both daemons, declaring `HEALTHCHECK`
    /// (`docker import --change`), for the rules that read an image's health check.
    func importCheckedImage(_ tag: String) async throws {
        for daemon in [manager, worker].compactMap({ $0 }) {
            try await daemon.run(["import", "--change", #"HEALTHCHECK --interval=5s CMD ["/bin/sh","-c","true"]"#, root + "/img.tar", tag])
        }
    }

    /// Waits until the service's tasks with desired state running number `count` and all run.
    func waitForRunning(_ services: [String], count: Int, timeout: Double = 90) async throws {
        guard let manager else { throw SwarmLabError("no manager started") }
        try await Polling.until("\(count) running task(s) of \(services.joined(separator: ", "))", timeout: timeout, every: 0.2) {
            let states = try await manager.run(["service", "ps"] + services + ["--filter", "desired-state=running", "--format", "{{.CurrentState}}"])
                .split(separator: "\n")
            return states.count == count && states.allSatisfy { $0.hasPrefix("Running") }
        }
    }

    /// Services removed and no container left (containers outlive a killed daemon),
    /// daemons stopped and waited for, whatever they mounted under the root unmounted,
    /// the root deleted, the namespaces (and with them the veth pair) deleted.
    func tearDown() async {
        let daemons = [worker, manager].compactMap { $0 }
        if let manager, manager.isRunning,
           let services = try? await manager.run(["service", "ls", "-q"], timeout: 30) {
            let ids = services.split(separator: "\n").map(String.init)
            if !ids.isEmpty { _ = try? await manager.run(["service", "rm"] + ids, timeout: 60) }
        }
        for daemon in daemons where daemon.isRunning {
            try? await Polling.until("no container on \(daemon.hostname)", timeout: 60, every: 0.2) {
                try await daemon.run(["ps", "-q"], timeout: 30).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            }
        }
        for daemon in daemons { await daemon.stop() }
        for point in SwarmHostTools.mounts(under: root) { await SwarmHostTools.attempt(["umount", "-l", point]) }
        try? FileManager.default.removeItem(atPath: root)
        await SwarmHostTools.attempt(["ip", "netns", "del", workerNetns])
        await SwarmHostTools.attempt(["ip", "netns", "del", managerNetns])
    }
}
