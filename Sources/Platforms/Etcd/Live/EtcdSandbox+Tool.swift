import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes

extension EtcdSandbox: ToolSandbox {
    public func answer(_ command: Command) throws(RunError) -> CommandOutput {
        // etcdctl 3.x picks its API from ETCDCTL_API; shipshape names it on every call.
        if command.environment["ETCDCTL_API"] == "2" {
            return try etcdctlV2(command.arguments, acceptedExitStatuses: command.acceptedExitStatuses)
        }
        return try etcdctl(command.arguments)
    }
}
