import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform

extension FleetSandbox: ToolSandbox {
    public func answer(_ command: Command) throws(RunError) -> CommandOutput {
        try fleetctl(command.arguments)
    }
}
