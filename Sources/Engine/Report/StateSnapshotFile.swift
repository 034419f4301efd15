import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// What `shipshape snapshot` writes and `--replay` reads: the target and every tool
/// answer of one refresh, with secret values scrubbed before anything is written.
public struct StateSnapshotFile: Sendable, Codable {
    public var format = "shipshape-snapshot/1"
    public var recordedAt: Date
    public var target: Target
    public var calls: [RecordedCall]

    public init(recordedAt: Date = Date(), target: Target, calls: [RecordedCall]) {
        self.recordedAt = recordedAt
        self.target = target
        self.calls = calls.map(SecretScrubber.scrub)
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.dataEncodingStrategy = .base64
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Several clusters' snapshots as one JSON array.
    public static func encoded(_ files: [StateSnapshotFile]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.dataEncodingStrategy = .base64
        return (try? encoder.encode(files)) ?? Data()
    }

    public static func decode(_ data: Data) throws -> StateSnapshotFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let file = try decoder.decode(StateSnapshotFile.self, from: data)
        guard file.format == "shipshape-snapshot/1" else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown snapshot format \(file.format)"))
        }
        return file
    }

    /// One snapshot, or the array `shipshape snapshot` writes for several clusters.
    public static func decodeAll(_ data: Data) throws -> [StateSnapshotFile] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let many = try? decoder.decode([StateSnapshotFile].self, from: data) {
            guard !many.isEmpty, many.allSatisfy({ $0.format == "shipshape-snapshot/1" }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a shipshape snapshot"))
            }
            return many
        }
        return [try decode(data)]
    }
}
