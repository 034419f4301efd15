import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// An in-memory swarm that answers the docker argv the engine sends (`node ls`,
/// `node inspect`, `service ps`, `service update --constraint-add`, `node update
/// --availability`, …) and changes when fixes run, so the demo exercises the real
/// probe, rules and fixes with no daemon. Calls without the pinned `--host` are refused.
public final class SwarmSandbox: Sendable {
    private let world: Mutex<SwarmSandboxWorld>
    public let host: String
    /// The names the scenario's resolver answers (`getent ahostsv4`).
    let dns: [String: [String]]

    public init(scenarioJSON: String) throws {
        let scenario: SwarmSandboxWorld.Scenario
        do {
            scenario = try JSONDecoder().decode(SwarmSandboxWorld.Scenario.self, from: Data(scenarioJSON.utf8))
        } catch {
            throw SandboxError.badScenario("swarm scenario: \(error)")
        }
        host = scenario.host
        dns = scenario.dns ?? [:]
        world = Mutex(SwarmSandboxWorld(scenario: scenario))
    }

    /// Handles one docker invocation, `--host H` included.
    func docker(_ arguments: [String]) throws(RunError) -> CommandOutput {
        let line = (["docker"] + arguments).joined(separator: " ")
        guard arguments.count >= 3, arguments[0] == "--host", arguments[1] == host else {
            throw .nonZeroExit(command: line, status: 1, stderr: "error: sandbox refuses a docker call without the pinned --host \(host)")
        }
        let args = SwarmSandboxArguments(Array(arguments.dropFirst(2)))
        let object = args.positional.first ?? "", verb = args.positional.dropFirst().first ?? ""
        let operands = Array(args.positional.dropFirst(2))
        return try world.withLock { (world: inout SwarmSandboxWorld) throws(RunError) -> CommandOutput in
            if object == "events" { return try events(world, args, line) }
            switch (object, verb) {
            case ("node", "ls"): return try nodeList(world, args, line)
            case ("node", "inspect"): return try nodeInspect(world, operands, args, line)
            case ("node", "ps"): return try nodeTasks(world, operands, args, line)
            case ("node", "update"): return try nodeUpdate(&world, operands, args, line)
            case ("service", "ls"): return CommandOutput(text: SwarmSandboxOutput.lines(world.services.map { SwarmSandboxOutput.serviceLine($0, world: world) }))
            case ("service", "inspect"): return try serviceInspect(world, operands, args, line)
            case ("service", "ps"): return try serviceTasks(world, operands, line)
            case ("service", "update"): return try serviceUpdate(&world, operands, args, line)
            case ("image", "inspect"): return try imageInspect(world, operands, line)
            default: throw usage(line)
            }
        }
    }

    private func nodeList(_ world: SwarmSandboxWorld, _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        var nodes = world.nodes
        if let role = args.filter("role") { nodes = nodes.filter { $0.role == role } }
        switch args.format {
        case "{{json .}}": return CommandOutput(text: SwarmSandboxOutput.lines(nodes.map { SwarmSandboxOutput.nodeLine($0, world: world) }))
        case SwarmTemplates.workerLine:
            return CommandOutput(text: nodes.map { "\($0.hostname): \(SwarmSandboxOutput.title($0.state)), \(SwarmSandboxOutput.title($0.availability))\n" }.joined())
        default: throw usage(line)
        }
    }

    private func nodeInspect(_ world: SwarmSandboxWorld, _ refs: [String], _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        var found: [SwarmSandboxWorld.Node] = []
        for ref in refs {
            guard let index = world.node(ref) else { throw failure(line, "Error: No such node: \(ref)") }
            found.append(world.nodes[index])
        }
        switch args.format {
        case nil: return CommandOutput(text: SwarmSandboxOutput.json(found.map { SwarmSandboxOutput.nodeInspect($0, world: world) }))
        case SwarmTemplates.availability?: return CommandOutput(text: found.map { $0.availability + "\n" }.joined())
        case SwarmTemplates.nodeState?: return CommandOutput(text: found.map { $0.state + "\n" }.joined())
        case SwarmTemplates.eligibility?: return CommandOutput(text: found.map { "\($0.role) \($0.availability) \($0.state)\n" }.joined())
        default: throw usage(line)
        }
    }

    private func nodeTasks(_ world: SwarmSandboxWorld, _ refs: [String], _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        var ids: [String] = []
        for ref in refs {
            guard let index = world.node(ref) else { throw failure(line, "Error: No such node: \(ref)") }
            ids.append(world.nodes[index].id)
        }
        let tasks = world.tasks.filter { $0.node.map(ids.contains) == true }
        if args.flag("-q") { return CommandOutput(text: tasks.map { ($0.id ?? "") + "\n" }.joined()) }
        guard args.format == SwarmTemplates.taskLine else { throw usage(line) }
        return CommandOutput(text: tasks.map { "\($0.slot): \($0.state == "pending" ? "Pending" : "Running") 3 minutes ago\n" }.joined())
    }

    private func nodeUpdate(_ world: inout SwarmSandboxWorld, _ refs: [String], _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        guard let availability = args.value("--availability"), refs.count == 1 else { throw usage(line) }
        guard ["active", "pause", "drain"].contains(availability) else {
            throw failure(line, "Error response from daemon: invalid Availability: \"\(availability)\"")
        }
        guard let index = world.node(refs[0]) else { throw failure(line, "Error: No such node: \(refs[0])") }
        if world.nodes[index].availability != availability {
            world.log(world.nodes[index].id, ["availability.old": world.nodes[index].availability, "availability.new": availability])
        }
        world.nodes[index].availability = availability
        world.changed[world.nodes[index].id] = Date()
        SwarmSandboxScheduler.reconcile(&world)
        return CommandOutput(text: world.nodes[index].id + "\n")
    }

    private func serviceInspect(_ world: SwarmSandboxWorld, _ refs: [String], _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        var found: [SwarmSandboxWorld.Service] = []
        for ref in refs {
            guard let index = world.service(ref) else { throw failure(line, "Error: no such service: \(ref)") }
            found.append(world.services[index])
        }
        guard let format = args.format else { return CommandOutput(text: SwarmSandboxOutput.json(found.map(SwarmSandboxOutput.serviceInspect))) }
        if format == SwarmTemplates.updateOrder { return CommandOutput(text: found.map { ($0.updateOrder ?? "stop-first") + "\n" }.joined()) }
        if format == SwarmTemplates.updateConfig {
            return CommandOutput(text: found.map { service in
                let spec = SwarmSandboxOutput.serviceInspect(service)["Spec"] as? [String: Any]
                return (spec?["UpdateConfig"].map(SwarmSandboxOutput.json) ?? "null") + "\n"
            }.joined())
        }
        guard let constraint = SwarmTemplates.constraint(inPresence: format) else { throw usage(line) }
        return CommandOutput(text: found.map { ($0.constraints ?? []).filter { $0 == constraint }.map { _ in "present" }.joined() + "\n" }.joined())
    }

    private func serviceTasks(_ world: SwarmSandboxWorld, _ refs: [String], _ line: String) throws(RunError) -> CommandOutput {
        var names: [String] = []
        for ref in refs {
            guard let index = world.service(ref) else { throw failure(line, "Error: no such service: \(ref)") }
            names.append(world.services[index].name)
        }
        let tasks = world.tasks.filter { names.contains($0.service) }
        return CommandOutput(text: SwarmSandboxOutput.lines(tasks.map { SwarmSandboxOutput.taskLine($0, world: world) }))
    }

    private func serviceUpdate(_ world: inout SwarmSandboxWorld, _ refs: [String], _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        guard refs.count == 1, let index = world.service(refs[0]) else { throw failure(line, "Error: no such service: \(refs.first ?? "")") }
        var constraints = world.services[index].constraints ?? []
        if let add = args.value("--constraint-add") { constraints.append(add) }
        if let remove = args.value("--constraint-rm") { constraints.removeAll { $0 == remove } }
        if let order = args.value("--update-order") {
            guard ["start-first", "stop-first"].contains(order) else {
                throw failure(line, "invalid argument \"\(order)\" for \"--update-order\" flag: must be one of start-first, stop-first")
            }
            world.services[index].updateOrder = order
        }
        world.services[index].constraints = constraints.sorted()
        SwarmSandboxScheduler.reconcile(&world)
        return CommandOutput(text: world.services[index].name + "\n")
    }

    private func imageInspect(_ world: SwarmSandboxWorld, _ refs: [String], _ line: String) throws(RunError) -> CommandOutput {
        guard refs.count == 1 else { throw usage(line) }
        guard let size = world.images[refs[0]] else { throw failure(line, "Error: No such image: \(refs[0])") }
        let check = world.healthcheckImages.contains(refs[0]) ? #"{"Test":["CMD-SHELL","true"],"Interval":10000000000}"# : "null"
        return CommandOutput(text: "\(size) \(check)\n")
    }

    /// `docker events --since S --until U --filter type=node --format '{{json .}}'`: what the
    /// manager remembers, then exit (with `--until`, docker does not follow).
    private func events(_ world: SwarmSandboxWorld, _ args: SwarmSandboxArguments, _ line: String) throws(RunError) -> CommandOutput {
        guard args.format == "{{json .}}", args.filter("type") == "node", let until = args.value("--until").flatMap(Double.init) else { throw usage(line) }
        let since = args.value("--since").flatMap(Double.init) ?? 0
        let shown = world.events.filter { $0.time.timeIntervalSince1970 >= since && $0.time.timeIntervalSince1970 <= until + 1 }
        return CommandOutput(text: SwarmSandboxOutput.lines(shown.map(SwarmSandboxOutput.eventLine)))
    }

    /// Plays a node rebooting (for tests of the maintenance flow): the manager misses its
    /// heartbeats and marks it down, then it answers again, both logged now. Not a docker command.
    public func restartNode(_ reference: String) {
        world.withLock { world in
            guard let index = world.node(reference) else { return }
            let id = world.nodes[index].id, now = Date()
            world.log(id, ["state.old": "ready", "state.new": "down"], at: now)
            world.log(id, ["state.old": "down", "state.new": "ready"], at: now.addingTimeInterval(0.001))
            world.changed[id] = now
        }
    }

    private func usage(_ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: "error: the demo sandbox does not answer this command")
    }

    private func failure(_ line: String, _ stderr: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: stderr)
    }
}
