import Foundation
import Engine
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import KubernetesRules
import KubernetesKit
import KubernetesPanes
import WorkflowRules
import WorkflowPlatform
import ShipshapePlatforms

/// Live heap per tool call: the same small command run many times through `ProcessRunner`,
/// both ways it reads output (captured, and in place from an in-memory file). A refresh runs
/// seven of these, a console runs thousands a day: anything a call leaves behind adds up.
enum SpawnBench {
    static func run(calls: Int) async throws(BenchError) -> [Figure] {
        let runner = ProcessRunner(defaultTimeoutSeconds: 10, environment: ProcessRunner.explicitEnvironment())
        let command = Command("/bin/echo", ["{\"kind\":\"List\"}"])
        var figures: [Figure] = []
        // Warm-up: first-use allocations (runtime metadata, the spawn machinery's tables, the
        // cooperative pool's threads) are not growth; they were seen to settle after ~1,000 calls.
        for index in 0..<warmUp { try await call(runner, command, inPlace: index % 2 == 0) }
        for inPlace in [false, true] {
            MemoryTrim.releaseFreePages()
            guard let before = HeapStatus.liveBytes() else { throw BenchError("the C library does not report its heap (mallinfo2)") }
            let descriptorsBefore = openDescriptors()
            for _ in 0..<calls { try await call(runner, command, inPlace: inPlace) }
            MemoryTrim.releaseFreePages()
            let after = HeapStatus.liveBytes() ?? before
            let descriptorsAfter = openDescriptors()
            let way = inPlace ? "output read in place" : "output captured"
            figures.append(.info("live heap left per tool call, \(way)", Double(after - before) / Double(calls), "bytes",
                                 detail: "\(calls) calls of /bin/echo after \(warmUp) to warm up; live heap \(before / 1024) → \(after / 1024) KB"))
            figures.append(.below("open descriptors left per tool call, \(way)", Double(descriptorsAfter - descriptorsBefore) / Double(calls),
                                  "", limit: 0, inclusive: true, detail: "\(descriptorsBefore) → \(descriptorsAfter) open over \(calls) calls"))
        }
        return figures
    }

    /// Descriptors open in this process now (/proc/self/fd).
    static func openDescriptors() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    private static let warmUp = 1_000

    private static func call(_ runner: ProcessRunner, _ command: Command, inPlace: Bool) async throws(BenchError) {
        do {
            if inPlace {
                _ = try await runner.run(command) { $0.count }
            } else {
                _ = try await runner.run(command)
            }
        } catch {
            throw BenchError("\(command.displayLine) failed: \(error)")
        }
    }
}
