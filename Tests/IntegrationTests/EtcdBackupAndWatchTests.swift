import Foundation
import Synchronization
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

/// Backups and watch mode against a real etcd 3.4 cluster, read as the bare etcd platform:
/// the snapshot fix writes a file etcdctl reads, a dead cluster leaves no partial file, and
/// watch reports a member lost and back.
@Suite(.serialized)
struct EtcdBackupAndWatchTests {
    /// A real etcd cluster and a scratch directory (audit log, records, backups) beside it.
    struct Lab {
        let cluster: EtcdCluster
        let directory: String
        let runner = EtcdCluster.runner()

        static func start() async throws -> Lab {
            let cluster = try await EtcdCluster.start()
            do { return Lab(cluster: cluster, directory: try TestPaths.temporaryDirectory("etcd-backups")) } catch {
                cluster.shutdown()
                throw error
            }
        }

        func shutdown() {
            cluster.shutdown()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func session(_ lab: Lab, backups: String) throws -> Session {
        let audit = try AuditLog(path: lab.directory + "/state/audit.jsonl")
        let etcd = EtcdTarget(endpoints: lab.cluster.endpoints)
        let adapter = EtcdAdapter(target: Target(name: "lab-etcd", platform: .etcd), etcd: etcd, runner: lab.runner)
        return Session(adapter: adapter, audit: audit, verifyTimeoutSeconds: 10, backupDirectory: backups)
    }

    @Test func snapshotFixWritesAVerifiedFileAndThePaneTurnsGreen() async throws {
        let lab = try await Lab.start()
        defer { lab.shutdown() }
        let backups = lab.directory + "/backups"
        let session = try Self.session(lab, backups: backups)

        let before = await session.refresh()
        let finding = try #require(before.findings.first { $0.rule.id == "ETCD-SNAPSHOT" })
        #expect(finding.verdict == .fail && finding.fix == .etcdSnapshot)
        let plan = try #require(await session.plan(for: finding))
        #expect(plan.commands[0].arguments.contains("--endpoints=\(lab.cluster.endpoints[0])"))
        guard case .accepted = await session.dryRun(plan) else { Issue.record("dry run refused"); return }
        let outcome = await session.apply(plan)
        #expect(outcome.succeeded, "\(outcome)")

        let records = try session.records.load()
        let snapshot = try #require(records.etcdSnapshots.last)
        #expect(snapshot.verified && snapshot.sizeBytes > 0)
        #expect(FileManager.default.fileExists(atPath: snapshot.path))
        #expect(!FileManager.default.fileExists(atPath: snapshot.path + ".part"))
        // etcdctl itself reads the file back.
        let status = try await lab.runner.run(Command("etcdctl", ["snapshot", "status", snapshot.path, "-w", "json"]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout)) as? [String: Any])
        #expect((json["revision"] as? NSNumber)?.int64Value == snapshot.revision)

        let after = await session.refresh()
        #expect(after.findings.first { $0.rule.id == "ETCD-SNAPSHOT" }?.verdict == .pass)
        let steps = try AuditLog.read(path: session.executor.audit.path).filter { $0.fixID == plan.id }.map(\.step)
        #expect(steps.contains(.run) && steps.last == .applied)
    }

    @Test func snapshotAgainstAStoppedClusterFailsCleanly() async throws {
        let lab = try await Lab.start()
        defer { lab.shutdown() }
        let backups = lab.directory + "/backups"
        let session = try Self.session(lab, backups: backups)
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "ETCD-SNAPSHOT" })
        let plan = try #require(await session.plan(for: finding))
        for member in lab.cluster.members { lab.cluster.stop(member.name) }

        // Refused before anything runs: the member does not answer its health check.
        guard case .refused(let reason) = await session.apply(plan) else { Issue.record("a snapshot of a stopped cluster was not refused"); return }
        #expect(reason.contains("answers health checks"))
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: backups)) ?? []
        #expect(left.allSatisfy { !$0.hasSuffix(".db") && !$0.hasSuffix(".part") }, "left behind: \(left)")
        #expect(try session.records.load().etcdSnapshots.isEmpty)
    }

    @Test func watchReportsAMemberLostAndBack() async throws {
        let lab = try await Lab.start()
        defer { lab.shutdown() }
        let session = try Self.session(lab, backups: lab.directory + "/backups")
        let seen = Mutex<[WatchEvent]>([])
        let refreshes = Mutex(0)
        let watch = Task {
            await Watcher(workspace: Workspace(session: session), interval: 1).run { events, _, _ in
                seen.withLock { $0 += events }
                refreshes.withLock { $0 += 1 }
            }
        }
        try await Polling.until("the first refresh", timeout: 30) { refreshes.withLock { $0 } >= 1 }
        let victim = lab.cluster.members[2].name
        lab.cluster.stop(victim)
        var at = refreshes.withLock { $0 }
        try await Polling.until("a member-lost event", timeout: 60) {
            seen.withLock { $0.contains { $0.kind == .memberLost && $0.subject == victim } }
        }
        #expect(refreshes.withLock { $0 } - at <= 2, "more than two intervals")
        try lab.cluster.restart(victim)
        at = refreshes.withLock { $0 }
        try await Polling.until("a member-back event", timeout: 60) {
            seen.withLock { $0.contains { $0.kind == .memberBack && $0.subject == victim } }
        }
        #expect(refreshes.withLock { $0 } - at <= 3, "member-back took more than a few intervals")
        watch.cancel()
        await watch.value
    }
}
