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

/// The records file survives a process killed while writing it: every kill leaves a
/// file that reads, with nothing recorded before it lost.
@Suite(.serialized) struct RecordsCrashTests {
    @Test func killedWritersNeverTearTheRecordsFile() async throws {
        let dir = try TestPaths.temporaryDirectory("records")
        let store = RecordStore(path: dir + "/records.json")
        // A big file makes each write take long enough to be interrupted.
        try store.update { records in
            for index in 0..<20_000 {
                records.drills.append(DrillRecord(target: "demo-workflow", doneAt: Date(timeIntervalSince1970: Double(index)),
                                                  by: "seed", note: String(repeating: "x", count: 40)))
            }
        }
        var count = try store.load().drills.count
        var killedWhileRunning = 0
        for attempt in 0..<25 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestPaths.shipshapeBinary)
            process.arguments = ["records", "drill", "--demo", "workflow", "--yes"]
            var env = ProcessInfo.processInfo.environment
            env["SHIPSHAPE_STATE_DIR"] = dir
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill at a different moment each time, across the whole run.
            try await Task.sleep(for: .milliseconds(20 + (attempt * 37) % 400))
            let pid = process.processIdentifier
            if ChildProcess.isAlive(pid) {
                kill(pid, SIGKILL)
                killedWhileRunning += 1
            }
            while ChildProcess.isAlive(pid) { try await Task.sleep(for: .milliseconds(5)) }
            let records = try store.load()   // must always parse
            #expect(records.drills.count >= count)
            count = records.drills.count
        }
        #expect(killedWhileRunning > 0)
        // Leftover temporary files are allowed; the records file itself is whole.
        #expect(try store.load().drills.count >= 20_000)
    }
}
