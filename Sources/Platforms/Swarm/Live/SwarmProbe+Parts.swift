import ShipshapeCore
import ShipshapeRunner
import SwarmRules

/// Re-reading the part of a swarm `docker events` said changed. Nodes stand alone (`node ls`,
/// `node inspect`); a service or a task change moves tasks between nodes and may bring new images,
/// so those read the swarm whole — a handful of calls on a swarm of a few nodes.
extension SwarmProbe {
    public enum Part: String, Sendable, CaseIterable {
        case nodes, services, tasks
    }

    /// The change that puts the re-read part into the state.
    public func reread(_ part: Part) async -> @Sendable (inout Loaded<SwarmState>) -> Void {
        switch part {
        case .nodes:
            do {
                let list = try await run("nodes", ["node", "ls", "--format", "{{json .}}"], SwarmDecoder.nodeLines)
                let nodes = try await inspectNodes(list.map(\.ID), selfID: list.first { $0.Self == true }?.ID)
                return { loaded in
                    guard case .loaded(var swarm) = loaded else { return }
                    swarm.nodes = nodes
                    loaded = .loaded(swarm)
                }
            } catch let error as ProbeError {
                return { $0 = .failed(error) }
            } catch {
                return { $0 = .failed(ProbeError(.failed, "swarm nodes: \(error)")) }
            }
        case .services, .tasks:
            let whole = await probe()
            return { $0 = whole }
        }
    }
}
