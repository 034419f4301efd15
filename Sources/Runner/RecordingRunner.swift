import Foundation
import ShipshapeCore
import Synchronization

/// Wraps a runner and keeps every call's argv and answer, for `shipshape snapshot`.
public final class RecordingRunner: CommandRunner {
    public let base: any CommandRunner
    private let calls = Mutex<[RecordedCall]>([])

    public init(base: any CommandRunner) {
        self.base = base
    }

    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        do {
            let output = try await base.run(command)
            calls.withLock { $0.append(RecordedCall(argv: command.argv, stdout: output.stdout, error: nil)) }
            return output
        } catch {
            calls.withLock { $0.append(RecordedCall(argv: command.argv, stdout: nil, error: error)) }
            throw error
        }
    }

    public var recorded: [RecordedCall] { calls.withLock { $0 } }
}

/// One recorded tool call: what ran and what came back. Output is stored as text
/// when it is UTF-8 (readable in a ticket), base64 otherwise.
public struct RecordedCall: Sendable, Codable, Equatable {
    public var argv: [String]
    public var stdout: [UInt8]?
    public var error: RunError?

    public init(argv: [String], stdout: [UInt8]?, error: RunError?) {
        self.argv = argv
        self.stdout = stdout
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case argv, stdout, stdoutBase64, error }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        argv = try container.decode([String].self, forKey: .argv)
        error = try container.decodeIfPresent(RunError.self, forKey: .error)
        if let text = try container.decodeIfPresent(String.self, forKey: .stdout) {
            stdout = Array(text.utf8)
        } else if let base64 = try container.decodeIfPresent(String.self, forKey: .stdoutBase64) {
            stdout = Data(base64Encoded: base64).map(Array.init)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(argv, forKey: .argv)
        try container.encodeIfPresent(error, forKey: .error)
        if let stdout {
            if let text = String(validating: stdout, as: UTF8.self) {
                try container.encode(text, forKey: .stdout)
            } else {
                try container.encode(Data(stdout).base64EncodedString(), forKey: .stdoutBase64)
            }
        }
    }
}

