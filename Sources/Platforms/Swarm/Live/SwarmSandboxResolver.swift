import ShipshapeCore
import ShipshapeRunner

/// Answers `getent ahostsv4 NAME` for the demo from the scenario's `dns` map, in getent's
/// format (one line per address and socket type); an unknown name exits 2, as getent does.
struct SwarmSandboxResolver: ToolSandbox {
    let names: [String: [String]]

    func answer(_ command: Command) throws(RunError) -> CommandOutput {
        let line = command.argv.joined(separator: " ")
        guard command.arguments.count == 2, command.arguments[0] == "ahostsv4" else {
            throw .nonZeroExit(command: line, status: 1, stderr: "getent: the demo sandbox answers only ahostsv4 NAME")
        }
        let name = command.arguments[1]
        guard let addresses = names[name], !addresses.isEmpty else { throw .nonZeroExit(command: line, status: 2, stderr: "") }
        let text = addresses.map { "\($0)       STREAM \(name)\n\($0)       DGRAM  \n\($0)       RAW    \n" }.joined()
        return CommandOutput(text: text)
    }
}
