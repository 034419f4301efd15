import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// Reads a swarm through one manager's docker CLI, pinned by `--host`: node and
/// service lists first, then their full inspect output and the running tasks
/// concurrently, the image sizes as soon as the services are known. Everything docker prints is decoded by
/// `SwarmDecoder`; environment values never outlive decoding.
public struct SwarmProbe: Sendable {
    public var runner: any CommandRunner
    public var target: DockerTarget
    /// The switchover A record to resolve (the estate file's `switchover-dns` label), if any.
    public var switchoverHostname: String?
    public var now: @Sendable () -> Date

    public init(runner: any CommandRunner, target: DockerTarget, switchoverHostname: String? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.runner = runner
        self.target = target
        self.switchoverHostname = switchoverHostname
        self.now = now
    }

    /// How far back the node events are asked for: a little more than the reboot policy's week.
    /// The daemon keeps far fewer (a ring of its last events, emptied when it restarts).
    static let eventLookback: TimeInterval = 8 * 86_400

    /// A service or node removed between the list and the inspect makes the second
    /// read fail; one more full read settles it.
    public func probe() async -> Loaded<SwarmState> {
        let first = await read()
        if case .failed(let error) = first, error.kind == .notFound, error.message.contains("no such") {
            return await read()
        }
        return first
    }

    func read() async -> Loaded<SwarmState> {
        do {
            async let nodeLines = run("nodes", ["node", "ls", "--format", "{{json .}}"], SwarmDecoder.nodeLines)
            async let serviceLines = run("services", ["service", "ls", "--format", "{{json .}}"], SwarmDecoder.serviceLines)
            let nodeList = try await nodeLines
            let serviceList = try await serviceLines
            let selfID = nodeList.first { $0.Self == true }?.ID
            let serviceIDs = serviceList.map(\.ID)

            async let nodes = inspectNodes(nodeList.map(\.ID), selfID: selfID)
            async let services = inspectServices(serviceIDs)
            async let taskBytes = taskLines(serviceIDs)
            async let events = nodeEvents()
            async let dns = resolveSwitchover()
            let nodeModels = try await nodes
            let serviceModels = try await services
            async let images = imageFacts(Set(serviceModels.map(\.image)))
            let tasks = try await resolveTasks(try await taskBytes, nodes: nodeModels)
            let (sizes, checks) = await images
            let (eventList, eventError) = await events
            return .loaded(SwarmState(nodes: nodeModels, services: serviceModels, tasks: tasks, images: sizes, imageHealthChecks: checks,
                                      nodeEvents: eventList, nodeEventsError: eventError, switchoverDNS: await dns))
        } catch let error as ProbeError {
            return .failed(error)
        } catch {
            return .failed(ProbeError(.failed, "swarm: \(error)"))
        }
    }

    func inspectNodes(_ ids: [String], selfID: String?) async throws -> [SwarmNode] {
        guard !ids.isEmpty else { return [] }
        return try await run("nodes", ["node", "inspect"] + ids) { try SwarmDecoder.nodes($0, selfID: selfID) }
    }

    func inspectServices(_ ids: [String]) async throws -> [SwarmService] {
        guard !ids.isEmpty else { return [] }
        return try await run("services", ["service", "inspect"] + ids, SwarmDecoder.services)
    }

    func taskLines(_ serviceIDs: [String]) async throws -> [UInt8] {
        guard !serviceIDs.isEmpty else { return [] }
        return try await run("tasks", Self.taskArguments + serviceIDs) { $0 }
    }

    static let taskArguments = ["service", "ps", "--no-trunc", "--filter", "desired-state=running", "--format", "{{json .}}"]

    /// Attributes tasks to nodes; where several nodes share a hostname, asks each of
    /// them for its task IDs (`docker node ps`), which is exact.
    func resolveTasks(_ bytes: [UInt8], nodes: [SwarmNode]) async throws -> [SwarmTask] {
        guard !bytes.isEmpty else { return [] }
        var (tasks, ambiguous) = try decode("tasks", bytes) { try SwarmDecoder.tasks($0, nodes: nodes) }
        guard !ambiguous.isEmpty else { return tasks }
        let twins = nodes.filter { ambiguous.contains($0.hostname) }
        let owners = try await withThrowingTaskGroup(of: (String, [String]).self) { group in
            for node in twins {
                group.addTask {
                    let ids = try await run("tasks on node \(node.id)",
                                            ["node", "ps", "--no-trunc", "-q", "--filter", "desired-state=running", node.id], SwarmDecoder.ids)
                    return (node.id, ids)
                }
            }
            var owners: [String: String] = [:]
            for try await (node, ids) in group { for id in ids { owners[id] = node } }
            return owners
        }
        for index in tasks.indices where tasks[index].nodeID == nil && ambiguous.contains(tasks[index].nodeHostname) {
            tasks[index].nodeID = owners[tasks[index].id]
        }
        return tasks
    }

    /// One `docker image inspect` per distinct image, concurrently: its size and whether it
    /// declares a HEALTHCHECK. An image missing from this daemon is a fact for
    /// SWARM-IMAGE-SIZE and SWARM-HEALTHCHECK, not a probe failure.
    func imageFacts(_ images: Set<String>) async -> ([String: SwarmImage], [String: Bool]) {
        await withTaskGroup(of: (String, SwarmImage, Bool?).self) { group in
            for image in images {
                group.addTask {
                    let command = target.docker(["image", "inspect", SwarmProbe.inspectable(image), "--format", SwarmTemplates.imageFacts])
                    do throws(RunError) {
                        let output = try await runner.run(command)
                        guard let facts = try? SwarmDecoder.imageFacts(output.stdout) else { return (image, .unreadable("size is not a number"), nil) }
                        return (image, .size(facts.size), facts.healthCheck)
                    } catch {
                        if (error.stderr ?? "").lowercased().contains("no such image") { return (image, .absent, nil) }
                        return (image, .unreadable(SwarmProbeErrors.classify(error, what: "image \(image)", host: target.host).message), nil)
                    }
                }
            }
            var sizes: [String: SwarmImage] = [:], checks: [String: Bool] = [:]
            for await (image, info, check) in group {
                sizes[image] = info
                if let check { checks[image] = check }
            }
            return (sizes, checks)
        }
    }

    /// What the pinned manager remembers of node changes, up to now: `--until` makes
    /// `docker events` print its buffer and exit instead of following.
    func nodeEvents() async -> ([SwarmNodeEvent], String?) {
        let until = now()
        let since = until.addingTimeInterval(-Self.eventLookback)
        // Seconds with nanoseconds (docker's own timestamp form): a whole second would leave out
        // what happened in the current one — the node that came back a moment ago.
        let arguments = ["events", "--since", String(Int64(since.timeIntervalSince1970)), "--until", String(format: "%.9f", until.timeIntervalSince1970),
                         "--filter", "type=node", "--format", "{{json .}}"]
        do {
            return (try await run("node events", arguments, SwarmDecoder.nodeEvents), nil)
        } catch let error as ProbeError {
            return ([], error.message)
        } catch {
            return ([], "node events: \(error)")
        }
    }

    /// `getent ahostsv4 NAME` through the runner (the system resolver, as any tool on this
    /// machine sees it); exit 2 is getent's "not found".
    func resolveSwitchover() async -> SwarmDNSAnswer? {
        guard let name = switchoverHostname?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        guard Self.isHostname(name) else { return SwarmDNSAnswer(hostname: Sanitizer.line(name), outcome: .failed("not a host name")) }
        let command = Command("getent", ["ahostsv4", name], timeoutSeconds: 10)
        do throws(RunError) {
            let addresses = SwarmDecoder.addresses(try await runner.run(command).stdout)
            return SwarmDNSAnswer(hostname: name, outcome: addresses.isEmpty ? .unresolved : .addresses(addresses))
        } catch {
            if case .nonZeroExit(_, let status, _) = error, status == 2 { return SwarmDNSAnswer(hostname: name, outcome: .unresolved) }
            return SwarmDNSAnswer(hostname: name, outcome: .failed(ProbeError.from(error, what: "getent").message))
        }
    }

    /// Letters, digits, dots and dashes, not starting with a dash: never an option to getent.
    static func isHostname(_ name: String) -> Bool {
        !name.hasPrefix("-") && name.count <= 253
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "-" }
    }

    /// `repo:tag@sha256:…` → `repo@sha256:…`: the digest names the image exactly, and
    /// the daemon looks a reference with both parts up less reliably.
    static func inspectable(_ image: String) -> String {
        guard let at = image.firstIndex(of: "@") else { return image }
        let name = image[..<at]
        let slash = name.lastIndex(of: "/") ?? name.startIndex
        guard let colon = name[slash...].lastIndex(of: ":") else { return image }
        return String(name[..<colon]) + String(image[at...])
    }

    func run<T>(_ what: String, _ arguments: [String], _ decode: ([UInt8]) throws -> T) async throws -> T {
        let output: CommandOutput
        do throws(RunError) {
            output = try await runner.run(target.docker(arguments))
        } catch {
            throw SwarmProbeErrors.classify(error, what: what, host: target.host)
        }
        return try self.decode(what, output.stdout, decode)
    }

    func decode<T>(_ what: String, _ bytes: [UInt8], _ decode: ([UInt8]) throws -> T) throws -> T {
        do {
            return try decode(bytes)
        } catch {
            throw ProbeError(.malformed, "\(what): docker printed output that is not the expected JSON (\(DecodeFailure.summary(of: error)))")
        }
    }
}
