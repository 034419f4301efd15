import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// The JSON shapes docker prints (reference/cli-formats.md §6), decoding only the
/// fields rules use. Keys are Docker's own capitalisation.
enum SwarmWire {
    /// One line of `docker node ls --format '{{json .}}'`.
    struct NodeLine: Decodable {
        var ID: String
        var Hostname: String?
        var Status: String?
        var Availability: String?
        var ManagerStatus: String?
        var EngineVersion: String?
        var `Self`: Bool?
    }

    /// One element of `docker node inspect ID…`. A worker has no `ManagerStatus` key.
    struct Node: Decodable {
        var ID: String
        var UpdatedAt: String?
        var Spec: Spec?
        var Description: Description?
        var Status: Status?
        var ManagerStatus: ManagerStatus?

        struct Spec: Decodable {
            var Labels: [String: String]?
            var Role: String?
            var Availability: String?
        }
        struct Description: Decodable {
            var Hostname: String?
            var Platform: Platform?
            var Resources: Resources?
            var Engine: Engine?
        }
        struct Platform: Decodable {
            var Architecture: String?
            var OS: String?
        }
        struct Resources: Decodable {
            var NanoCPUs: Int64?
            var MemoryBytes: Int64?
        }
        struct Engine: Decodable {
            var EngineVersion: String?
            var Labels: [String: String]?
        }
        struct Status: Decodable {
            var State: String?
            var Addr: String?
        }
        struct ManagerStatus: Decodable {
            var Leader: Bool?
            var Reachability: String?
            var Addr: String?
        }
    }

    /// One line of `docker service ls --format '{{json .}}'`.
    struct ServiceLine: Decodable {
        var ID: String
        var Name: String?
        var Mode: String?
        var Replicas: String?
        var Image: String?
        var Ports: String?
    }

    /// One element of `docker service inspect ID…`.
    struct Service: Decodable {
        var ID: String
        var Spec: Spec
        var Endpoint: Endpoint?

        struct Spec: Decodable {
            var Name: String
            var TaskTemplate: TaskTemplate?
            var Mode: Mode?
            var EndpointSpec: Endpoint?
            var UpdateConfig: UpdateConfig?
        }
        struct UpdateConfig: Decodable {
            var Order: String?
        }
        struct TaskTemplate: Decodable {
            var ContainerSpec: ContainerSpec?
            var Placement: Placement?
        }
        struct ContainerSpec: Decodable {
            var Image: String?
            var Env: [EnvEntry]?
            var Mounts: [Mount]?
            var Secrets: [SecretRef]?
            var Configs: [ConfigRef]?
            var Healthcheck: Healthcheck?
        }
        /// Only whether a check is set: `Test` is `["NONE"]` for `--no-healthcheck`. The
        /// command itself is never kept (it may carry a URL with a token).
        struct Healthcheck: Decodable {
            var Test: [String]?
        }
        struct Mount: Decodable {
            var `Type`: String?
            var Source: String?
            var Target: String?
            var ReadOnly: Bool?
        }
        struct SecretRef: Decodable {
            var SecretName: String?
        }
        struct ConfigRef: Decodable {
            var ConfigName: String?
        }
        struct Placement: Decodable {
            var Constraints: [String]?
        }
        struct Mode: Decodable {
            var Replicated: Replicated?
            var Global: Ignored?
        }
        struct Replicated: Decodable {
            var Replicas: Int?
        }
        struct Endpoint: Decodable {
            var Ports: [Port]?
        }
        struct Port: Decodable {
            var `Protocol`: String?
            var TargetPort: Int?
            var PublishedPort: Int?
            var PublishMode: String?
        }
    }

    /// `NAME=value` from a container spec. The value is classified the moment it is
    /// decoded and never stored: nothing downstream can show or log what it never had.
    struct EnvEntry: Decodable {
        var name: String
        var value: SwarmEnvVar.Value

        init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let equals = text.firstIndex(of: "=") else {
                name = text
                value = .empty
                return
            }
            name = String(text[..<equals])
            value = SwarmEnvClassifier.classify(text[text.index(after: equals)...])
        }
    }

    /// One line of `docker service ps --no-trunc --format '{{json .}}'`.
    struct TaskLine: Decodable {
        var ID: String
        var Name: String?
        var Node: String?
        var DesiredState: String?
        var CurrentState: String?
        var Error: String?
    }

    /// One line of `docker events --filter type=node --format '{{json .}}'`.
    struct EventLine: Decodable {
        var `Type`: String?
        var Action: String?
        var Actor: Actor?
        var time: Int64?
        var timeNano: Int64?

        struct Actor: Decodable {
            var ID: String?
            var Attributes: [String: String]?
        }
    }

    /// Present-or-absent marker for objects whose content is irrelevant.
    struct Ignored: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
