import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

extension SwarmSandbox: ToolSandbox {
    public func answer(_ command: Command) throws(RunError) -> CommandOutput {
        try docker(command.arguments)
    }
}
