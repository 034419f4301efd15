import Foundation

/// `shipshape check` as a user runs it against the lab. The pipes are drained and
/// the exit awaited through Foundation's own threads (readability and termination
/// handlers), never by blocking a thread of the cooperative pool: on a 2-core
/// machine two blocked threads stall every other test in the process.
enum SwarmCheck {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Bytes a pipe handed over so far.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func append(_ chunk: Data) {
            lock.lock()
            data.append(chunk)
            lock.unlock()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// - Parameter netns: run it inside this network namespace (the lab's addresses exist only there).
    static func run(_ arguments: [String], netns: String? = nil) async throws -> Result {
        let process = Process()
        if let netns {
            process.executableURL = URL(fileURLWithPath: try SwarmHostTools.which("nsenter"))
            process.arguments = ["--net=/var/run/netns/\(netns)", TestPaths.shipshapeBinary, "check"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: TestPaths.shipshapeBinary)
            process.arguments = ["check"] + arguments
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdout = Collected(), stderr = Collected()
        for (pipe, sink) in [(out, stdout), (err, stderr)] {
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let chunk = handle.availableData
                if chunk.isEmpty { handle.readabilityHandler = nil } else { sink.append(chunk) }
            }
        }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                for (pipe, sink) in [(out, stdout), (err, stderr)] {
                    pipe.fileHandleForReading.readabilityHandler = nil
                    sink.append(pipe.fileHandleForReading.readDataToEndOfFile())
                }
                continuation.resume(returning: finished.terminationStatus)
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Result(status: status, stdout: stdout.text, stderr: stderr.text)
    }
}
