import Foundation
import Engine
import TUI

extension TargetOptions {
    /// What the console says while it resolves these flags into pinned targets: the target
    /// as the flags named it (nothing has been read yet) and what it is waiting for.
    var startupView: StartupView {
        StartupView(target: startupTargetDescription, kubeconfig: kubeconfig, production: production,
                    activity: platform == nil ? "Detecting the platform" : "Pinning the target",
                    timeoutSeconds: timeout)
    }

    private var startupTargetDescription: String {
        let environment = ProcessInfo.processInfo.environment
        switch platform {
        case .deis1?:
            return "fleet: \(fleetEndpoint ?? environment["FLEETCTL_ENDPOINT"] ?? "(default endpoint)")"
        case .swarm?:
            return "docker: \(dockerHost ?? environment["DOCKER_HOST"] ?? "(default socket)")"
        default:
            if allContexts { return "every context of the kubeconfig" }
            switch contexts.count {
            case 0: return "context: (the current context)"
            case 1: return "context: \(contexts[0])"
            default: return "contexts: \(contexts.joined(separator: ", "))"
            }
        }
    }
}
