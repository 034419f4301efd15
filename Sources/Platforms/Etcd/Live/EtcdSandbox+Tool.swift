import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes

extension EtcdSandbox: ToolSandbox {
    public func answer(_ command: Command) throws(RunError) -> CommandOutput {
        try etcdctl(command.arguments)
    }
}
