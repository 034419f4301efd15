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

/// The Swarm platform against real dockerd daemons (Debian docker.io): a manager in
/// a network namespace of its own, later a worker in another joined over a veth pair.
/// Nothing is skipped: a missing tool is a failure with the package to install.
@Suite(.serialized) struct SwarmIntegrationTests {
    static let secret = "hunter2-secret"

    /// Runs `body` on a fresh lab and always tears it down, timing both.
    static func withLab(_ name: String, _ body: (SwarmLab) async throws -> Void) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let lab = try await SwarmLab.create()
        var failure: (any Error)?
        do { try await body(lab) } catch { failure = error }
        let torn = clock.now
        await lab.tearDown()
        let end = clock.now
        FileHandle.standardError.write(Data("swarm-timing: \(name): body \(torn - start), teardown \(end - torn)\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: lab.root), "teardown leaves nothing under \(lab.root)")
        let namespaces = (try? await SwarmHostTools.run(["ip", "netns", "list"])) ?? ""
        #expect(!namespaces.contains(lab.managerNetns) && !namespaces.contains(lab.workerNetns))
        if let failure { throw failure }
    }

    static func session(_ daemon: SwarmDaemon, audit: String, policy: Policy = .default) throws -> Session {
        let adapter = SwarmAdapter(target: Target(name: "lab", platform: .swarm, docker: daemon.docker), docker: daemon.docker,
                                   runner: ProcessRunner(defaultTimeoutSeconds: 30))
        return Session(adapter: adapter, audit: try AuditLog(path: audit), policy: policy, verifyTimeoutSeconds: 90)
    }

    static func finding(_ snapshot: Snapshot, _ rule: String, _ subject: String) -> Finding? {
        snapshot.findings.first { $0.rule.id == rule && $0.subject == subject }
    }

    @Test func probeFixesAndSecretsOnRealDaemons() async throws {
        try await Self.withLab("probe-fixes-secrets") { lab in
            let manager = try await lab.startManager()
            try await lab.initSwarm()
            try FileManager.default.createDirectory(atPath: lab.root + "/dbdata", withIntermediateDirectories: true)
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "web", "--replicas", "2", "--stop-grace-period", "1s",
                                   SwarmLab.image, "sleep", "1000000"])
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "db", "--stop-grace-period", "1s",
                                   "--env", "POSTGRES_PASSWORD=\(Self.secret)", "--env", "POSTGRES_USER=app",
                                   "--mount", "type=bind,source=\(lab.root)/dbdata,target=/data", SwarmLab.image, "sleep", "1000000"])
            try await lab.waitForRunning(["web", "db"], count: 3)
            let auditPath = lab.root + "/audit.jsonl"
            let session = try Self.session(manager, audit: auditPath)

            // The probe agrees with docker node ls and docker service ps.
            let first = await session.refresh()
            #expect(first.state.failures.isEmpty, "\(first.state.failures)")
            let swarm = try #require(first.state.swarm.value)
            let nodeLs = try await manager.run(["node", "ls", "--format", "{{.ID}} {{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}"])
            #expect(Set(nodeLs.split(separator: "\n").map(String.init)) == Set(swarm.nodes.map {
                "\($0.id) \($0.hostname) \($0.state.capitalized) \($0.availability.capitalized) \($0.isLeader ? "Leader" : "")"
            }))
            #expect(swarm.nodes.first?.hostname == manager.hostname && swarm.nodes.first?.isSelf == true)
            #expect(swarm.nodes.first?.address == lab.managerAddress)
            try await Self.expectTasksMatch(manager, swarm)
            #expect(swarm.images[SwarmLab.image]?.bytes ?? 0 > 0)
            let db = try #require(swarm.service(named: "db"))
            #expect(db.env.map(\.name).sorted() == ["POSTGRES_PASSWORD", "POSTGRES_USER"])
            #expect(db.mounts.first?.type == "bind")

            // Only a manager: the tasks run on it, and the fix is refused with its reason.
            let web = try #require(Self.finding(first, "SWARM-MANAGER-FREE", "web"))
            #expect(web.verdict == .fail && web.fix == nil)
            #expect(web.message.contains("automatic fix refused: no active Ready worker could take the tasks of web"))
            #expect(Self.finding(first, "SWARM-MANAGER-FREE", "db")?.verdict == .fail)
            #expect(Self.finding(first, "SWARM-SECRETS", "db")?.verdict == .fail)
            #expect(Self.finding(first, "SWARM-BIND-MOUNTS", "db")?.verdict == .fail)
            #expect(Self.finding(first, "SWARM-MULTINODE", "swarm")?.verdict == .fail)
            guard case .failure(let refusal) = session.plan(.addPlacementConstraint(service: "web", constraint: "node.role!=manager"),
                                                            ruleID: "SWARM-MANAGER-FREE", subject: "web", state: first.state) else {
                Issue.record("the constraint fix was not refused with only a manager"); return
            }
            #expect(refusal.reason.contains("the swarm has no worker node"))

            // The value never reaches the report, `check --format json`, or the screen.
            let report = CheckReport(snapshot: first, failOn: .error).json()
            #expect(report.contains("POSTGRES_PASSWORD") && !report.contains(Self.secret))
            let check = try await SwarmCheck.run(["--platform", "swarm", "--docker-host", manager.host, "--format", "json"])
            #expect(check.status == 1, "stderr: \(check.stderr)")
            #expect(check.stdout.contains("SWARM-SECRETS") && !check.stdout.contains(Self.secret) && !check.stderr.contains(Self.secret))
            try await Self.expectScreenHidesSecret(lab, manager, visibleFindings: first.findings.filter { $0.verdict != .pass && $0.verdict != .notApplicable }.count)

            // A second node: the constraint fix moves web's tasks to the worker and the finding clears.
            let worker = try await lab.addWorker()
            let two = await session.refresh()
            let fixable = try #require(Self.finding(two, "SWARM-MANAGER-FREE", "web"))
            let plan = try #require(await session.plan(for: fixable))
            #expect(plan.commands[0].argv == ["docker", "--host", manager.host, "service", "update", "--detach", "--constraint-add", "node.role!=manager", "web"])
            #expect(await session.dryRun(plan) == .accepted(["\(worker.hostname): Ready, Active"]))
            let applied = await session.apply(plan)
            #expect(applied == .applied(findingCleared: true, detail: "SWARM-MANAGER-FREE cleared"))
            try await lab.waitForRunning(["web"], count: 2)
            let moved = try #require(await session.refresh().state.swarm.value)
            #expect(moved.tasks(of: "web").map(\.nodeHostname) == [worker.hostname, worker.hostname])
            try await Self.expectTasksMatch(manager, moved)

            // Undo takes the constraint off again.
            let undo = try #require(await session.undoPlan(for: plan))
            #expect(await session.apply(undo).succeeded)
            let placement = try await manager.run(["service", "inspect", "web", "--format", "{{json .Spec.TaskTemplate.Placement}}"])
            #expect(!placement.contains("node.role"))

            let audit = try String(contentsOfFile: auditPath, encoding: .utf8)
            #expect(!audit.contains(Self.secret))
            let steps = try AuditLog.read(path: auditPath).map(\.step)
            #expect(steps.filter { $0 == .applied }.count == 1 && steps.filter { $0 == .undo }.count == 1)
        }
    }

    /// `docker service ps` and the probe name the same running tasks on the same nodes.
    static func expectTasksMatch(_ manager: SwarmDaemon, _ swarm: SwarmState) async throws {
        let ps = try await manager.run(["service", "ps"] + swarm.services.map(\.name)
            + ["--no-trunc", "--filter", "desired-state=running", "--format", "{{.ID}} {{.Name}} {{.Node}} {{.CurrentState}}"])
        let fromDocker = Set(ps.split(separator: "\n").map { line -> String in
            let parts = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            return "\(parts[0]) \(parts[1]) \(parts[2]) \(parts[3].lowercased())"
        })
        #expect(fromDocker == Set(swarm.tasks.map { "\($0.id) \($0.name) \($0.nodeHostname) \($0.state)" }))
        #expect(swarm.tasks.allSatisfy { task in swarm.node(id: task.nodeID ?? "")?.hostname == task.nodeHostname })
    }

    /// The console in tmux: the main screen and every finding's and node's details.
    static func expectScreenHidesSecret(_ lab: SwarmLab, _ manager: SwarmDaemon, visibleFindings: Int) async throws {
        let terminal = SwarmTerminal(socket: lab.root + "/tmux.sock")
        defer { Task { await terminal.stop() } }
        try await terminal.start(["--platform", "swarm", "--docker-host", manager.host, "--refresh", "0",
                                  "--audit-log", lab.root + "/console-audit.jsonl", "--read-only"])
        var screens = [try await terminal.waitFor("SWARM-SECRETS")]
        for _ in 0..<visibleFindings {
            try await terminal.press("Enter")
            screens.append(try await terminal.waitFor("Esc closes"))
            try await terminal.press("Escape")
            try await terminal.waitWithout("Esc closes")
            try await terminal.press("j")
        }
        // Findings → Backups → Activity → Nodes.
        for _ in 0..<3 { try await terminal.press("Tab") }
        try await terminal.press("Enter")
        screens.append(try await terminal.waitFor("Tasks ("))
        await terminal.stop()
        #expect(screens.contains { $0.contains("POSTGRES_PASSWORD") }, "the SWARM-SECRETS details name the variable")
        #expect(screens.contains { $0.contains(manager.hostname) && $0.contains("leader") })
        #expect(!screens.contains { $0.contains(Self.secret) })
    }

    @Test func daemonFailuresGiveClearMessages() async throws {
        try await Self.withLab("daemon-failures") { lab in
            let daemon = try await lab.startManager()
            try await Self.expectMessage("is not in swarm mode — run docker swarm init", kind: .notFound, host: daemon.host, lab: lab)

            await daemon.stop()
            #expect(!FileManager.default.fileExists(atPath: daemon.socket), "a stopped dockerd removes its socket")
            try await Self.expectMessage("does not exist — dockerd is not running", kind: .unreachable, host: daemon.host, lab: lab)

            let stale = lab.root + "/stale.sock"
            try Self.bindWithoutListening(stale)
            try await Self.expectMessage("the socket exists but nothing listens on it — dockerd stopped or crashed", kind: .unreachable,
                                         host: "unix://" + stale, lab: lab)
        }
    }

    /// The probe, `shipshape check` and the console panes all say `message`.
    static func expectMessage(_ message: String, kind: ProbeError.Kind, host: String, lab: SwarmLab) async throws {
        let probe = await SwarmProbe(runner: ProcessRunner(defaultTimeoutSeconds: 30), target: DockerTarget(host: host)).probe()
        let error = try #require(probe.error)
        #expect(error.kind == kind && error.message.contains(message), "\(error.message)")
        let check = try await SwarmCheck.run(["--platform", "swarm", "--docker-host", host])
        #expect(check.status == 2)
        #expect(check.stderr.contains(message) && check.stdout.contains("ERROR  could not read"), "\(check.stderr)")
        let terminal = SwarmTerminal(socket: lab.root + "/tmux-\(kind.rawValue).sock")
        try await terminal.start(["--platform", "swarm", "--docker-host", host, "--refresh", "0", "--audit-log", lab.root + "/console-audit.jsonl"])
        let screen = try await terminal.waitForSentence(message)
        await terminal.stop()
        #expect(SwarmTerminal.flattened(screen).components(separatedBy: message).count - 1 >= 2, "the nodes and ingress panes both say it:\n\(screen)")
    }

    /// `shipshape check --demo swarm --format json`: every rule of the catalogue with
    /// the scenario's verdict, and the demo's Postgres password nowhere in the output.
    @Test func demoCheckReportsEveryRule() async throws {
        let result = try await SwarmCheck.run(["--demo", "swarm", "--format", "json"])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = (json["findings"] as? [[String: Any]] ?? []).map { finding -> String in
            let rule = (finding["rule"] as? [String: Any])?["id"] as? String ?? "?"
            return "\(rule) \(finding["subject"] as? String ?? "?") \(finding["verdict"] as? String ?? "?")"
        }
        let expected = ["SWARM-MULTINODE swarm fail", "SWARM-MANAGER-SIZE mgr-1 pass", "SWARM-WORKER-SIZE worker-1 fail",
                        "SWARM-MANAGER-FREE web fail", "SWARM-STATEFUL-PLACEMENT db fail", "SWARM-BIND-MOUNTS db fail",
                        "SWARM-SECRETS db fail", "SWARM-IMAGE-SIZE api fail", "SWARM-IMAGE-SIZE web pass", "SWARM-IMAGE-SIZE db pass",
                        "SWARM-SWITCHOVER switchover: database dump restored manual", "SWARM-SWITCHOVER switchover: DNS A record pass",
                        "SWARM-SWITCHOVER switchover: maintenance window manual",
                        "SWARM-REBOOT mgr-1 fail", "SWARM-REBOOT worker-1 fail",
                        "SWARM-HEALTHCHECK web pass", "SWARM-HEALTHCHECK api pass", "SWARM-HEALTHCHECK db fail",
                        "SWARM-DOWNTIME web pass", "SWARM-DOWNTIME api fail", "SWARM-DOWNTIME db fail",
                        "SWARM-CRITICAL-NODE worker-1 fail", "SWARM-DB-TIER databases manual",
                        "SWARM-RESTORE-DRILL backups fail", "SWARM-NOTIFICATIONS MedStack Control manual", "SWARM-NODES-READY nodes pass"]
        #expect(Set(findings) == Set(expected))
        #expect(Set(findings.map { String($0.split(separator: " ")[0]) }) == Set(SwarmRuleList.all.map(\.info.id)), "check --demo lists every rule")
        #expect((json["probeErrors"] as? [Any])?.isEmpty == true)
        #expect(!result.stdout.contains("demo-pg-Secret-do-not-show"))
    }

    /// A unix socket file with nothing listening: what a crashed daemon leaves.
    static func bindWithoutListening(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw SwarmLabError("bind \(path): \(String(cString: strerror(errno)))") }
    }
}
