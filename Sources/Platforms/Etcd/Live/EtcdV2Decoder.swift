import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// Reads what v2 `etcdctl` prints (reference/cli-formats.md §1.6–1.7): plain text, not JSON.
/// Pure, so every format etcd has had is tested without a server.
public enum EtcdV2Decoder {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public struct Members: Sendable, Equatable {
        public var members: [EtcdMember]
        /// The member marked `isLeader=true` (etcd ≥ 2.3 prints the field; older ones do not).
        public var listedLeader: UInt64?
    }

    /// `member list`, one member a line, in every format since etcd 2.0:
    ///
    ///     8211f1d0f64f3269: name=infra1 peerURLs=http://a:2380 clientURLs=http://a:2379 isLeader=false   (≥ 2.3, 3.x)
    ///     8211f1d0f64f3269: name=infra1 peerURLs=http://a:2380 clientURLs=http://a:2379                   (2.0–2.2)
    ///     e1b7f9d6e4ff0f36[unstarted]: peerURLs=http://d:2380                                              (≥ 2.1)
    ///
    /// URLs are comma-joined without spaces; `clientURLs=` may be empty. A name is taken up to the
    /// next known field, so a name with a space survives.
    public static func members(_ text: String) throws(Failure) -> Members {
        var members: [EtcdMember] = []
        var leader: UInt64?
        for (number, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            guard let colon = line.range(of: ": ") ?? (line.hasSuffix(":") ? line.range(of: ":", options: .backwards) : nil) else {
                throw Failure("member list line \(number + 1) has no \"ID: \" prefix")
            }
            var head = String(line[..<colon.lowerBound])
            let unstarted = head.hasSuffix("[unstarted]")
            if unstarted { head = String(head.dropLast("[unstarted]".count)) }
            guard let id = UInt64(head, radix: 16) else { throw Failure("member list line \(number + 1): \"\(Sanitizer.line(head, maxLength: 40))\" is not a hex member ID") }
            let fields = Self.fields(String(line[colon.upperBound...]), keys: ["name", "peerURLs", "clientURLs", "isLeader"])
            let urls = { (key: String) in (fields[key] ?? "").split(separator: ",").map { Sanitizer.line(String($0), maxLength: 256) } }
            let name = unstarted ? "" : Sanitizer.line(fields["name"] ?? "", maxLength: 128)
            members.append(EtcdMember(id: id, name: name, peerURLs: urls("peerURLs"), clientURLs: urls("clientURLs"),
                                      health: name.isEmpty ? .unstarted : .unknown))
            if fields["isLeader"] == "true" { leader = id }
        }
        return Members(members: members, listedLeader: leader)
    }

    /// `k=v` fields separated by spaces, for the known keys only; anything else is part of the
    /// value before it.
    static func fields(_ text: String, keys: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var current: String?
        for token in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let key = keys.first(where: { token.hasPrefix($0 + "=") }) {
                current = key
                result[key] = String(token.dropFirst(key.count + 1))
            } else if let key = current {
                result[key, default: ""] += " " + token
            }
        }
        return result
    }

    public struct Health: Sendable, Equatable {
        /// Member (hex ID as printed) → what its lines said.
        public var members: [UInt64: EtcdHealth]
        public var cluster: EtcdClusterHealth?
    }

    /// `cluster-health` (exit 0 when healthy, 5 otherwise; all on stdout):
    ///
    ///     member 672eaebe55633545 is healthy: got healthy result from http://a:2379
    ///     member 96ec782b4fe4935c is unhealthy: got unhealthy result from http://b:2379
    ///     failed to check the health of member fc77a42fe6fd4e36 on http://c:2379: Get "…": dial tcp …: connection refused
    ///     member fc77a42fe6fd4e36 is unreachable: [http://c:2379] are all unreachable
    ///     member e1b7f9d6e4ff0f36 is unreachable: no available published client urls
    ///     cluster is healthy | degraded | unavailable | unhealthy
    ///
    /// A member that was unreachable keeps the reason of its failed check (the dial error), which
    /// says more than "all unreachable".
    public static func health(_ text: String) -> Health {
        var members: [UInt64: EtcdHealth] = [:]
        var lastFailure: [UInt64: String] = [:]
        var cluster: EtcdClusterHealth?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("cluster is ") {
                cluster = EtcdClusterHealth(rawValue: String(line.dropFirst("cluster is ".count)).trimmingCharacters(in: .whitespaces))
                continue
            }
            if line.hasPrefix("failed to check the health of member ") {
                let rest = line.dropFirst("failed to check the health of member ".count)
                guard let space = rest.firstIndex(of: " "), let id = UInt64(rest[..<space], radix: 16) else { continue }
                if let colon = rest.range(of: ": ") {
                    lastFailure[id] = Self.shortReason(String(rest[colon.upperBound...]))
                }
                continue
            }
            guard line.hasPrefix("member ") else { continue }
            let words = line.split(separator: " ", maxSplits: 3)
            guard words.count >= 4, let id = UInt64(words[1], radix: 16) else { continue }
            let verdict = words[3]
            if verdict.hasPrefix("healthy") {
                members[id] = .healthy
            } else if verdict.hasPrefix("unhealthy") {
                members[id] = .unhealthy("got an unhealthy result from its /health")
            } else if verdict.hasPrefix("unreachable") {
                if verdict.contains("no available published client urls") {
                    members[id] = .down("publishes no client URL (never started?)")
                } else {
                    members[id] = .down(lastFailure[id] ?? "unreachable at every client URL")
                }
            }
        }
        return Health(members: members, cluster: cluster)
    }

    /// The end of a Go error chain: `Get "…/health": dial tcp 127.0.0.1:1: connect: connection refused`
    /// → `connect: connection refused`.
    static func shortReason(_ text: String) -> String {
        let parts = text.components(separatedBy: ": ")
        let tail = parts.count > 2 ? parts.suffix(2).joined(separator: ": ") : text
        return Sanitizer.line(tail, maxLength: 160)
    }

    /// `ls --recursive -p PREFIX`: one path a line, directories with a trailing `/`. Returns the
    /// keys (not directories).
    public static func listing(_ text: String) -> Set<String> {
        var keys = Set<String>()
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("/"), !line.hasSuffix("/") else { continue }
            keys.insert(Sanitizer.line(line, maxLength: 512))
        }
        return keys
    }

    /// `get KEY`: the value and a newline. Invalid UTF-8 is replaced, then sanitised.
    public static func value(_ bytes: [UInt8]) -> EtcdKeyValue {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return .value(Sanitizer.line(text, maxLength: 512))
    }
}
