import Foundation
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit

/// Builders for Swarm states and the documented docker output (reference/cli-formats.md §6).
enum SwarmFixtures {
    static let docker = DockerTarget(host: "unix:///tmp/test-docker.sock")
    static let target = Target(name: "test-swarm", platform: .swarm, docker: docker)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func node(_ hostname: String, role: SwarmNode.Role = .worker, availability: String = "active", state: String = "ready",
                     cpus: Double = 2, memoryGiB: Double = 8, labels: [String: String] = [:], daysSinceChange: Double = 1,
                     leader: Bool = false) -> SwarmNode {
        SwarmNode(id: "id-\(hostname)", hostname: hostname, role: role, availability: availability, state: state,
                  address: "198.51.100.\(hostname.count)", isLeader: leader, reachability: role == .manager ? "reachable" : nil,
                  nanoCPUs: Int64(cpus * 1e9), memoryBytes: Int64(memoryGiB * 1_073_741_824), engineVersion: "20.10.24",
                  labels: labels, updatedAt: now.addingTimeInterval(-daysSinceChange * 86_400))
    }

    static func manager(_ hostname: String = "mgr", cpus: Double = 2, memoryGiB: Double = 4, availability: String = "active",
                        daysSinceChange: Double = 1) -> SwarmNode {
        node(hostname, role: .manager, availability: availability, cpus: cpus, memoryGiB: memoryGiB,
             daysSinceChange: daysSinceChange, leader: true)
    }

    static func service(_ name: String, replicas: Int = 1, image: String? = nil, constraints: [String] = [],
                        mounts: [SwarmService.Mount] = [], env: [SwarmEnvVar] = [], secrets: [String] = [],
                        ports: [SwarmService.PublishedPort] = [], healthCheck: SwarmService.HealthCheck = .inherited,
                        updateOrder: String? = nil) -> SwarmService {
        SwarmService(id: "svc-\(name)", name: name, mode: .replicated(replicas), image: image ?? "local/\(name):1.0",
                     constraints: constraints, mounts: mounts, secrets: secrets, env: env, ports: ports,
                     healthCheck: healthCheck, updateOrder: updateOrder)
    }

    static func global(_ name: String) -> SwarmService {
        SwarmService(id: "svc-\(name)", name: name, mode: .global, image: "local/\(name):1.0")
    }

    static func task(_ service: String, _ slot: Int, on node: SwarmNode?, state: String = "running") -> SwarmTask {
        SwarmTask(id: "task-\(service)-\(slot)", name: "\(service).\(slot)", serviceName: service, nodeID: node?.id,
                  nodeHostname: node?.hostname ?? "", state: node == nil ? "pending" : state)
    }

    static func state(_ swarm: SwarmState, records: Loaded<ConsoleRecords> = .notProbed) -> ClusterState {
        var state = ClusterState(target: target, readAt: now)
        state.swarm = .loaded(swarm)
        state.records = records
        return state
    }

    static func evaluate(_ rule: any Rule, _ swarm: SwarmState, policy: Policy = .default, records: Loaded<ConsoleRecords> = .notProbed) -> [Finding] {
        rule.evaluate(state(swarm, records: records), policy: policy)
    }

    /// Records holding the given maintenance steps of this target's nodes.
    static func records(_ steps: [MaintenanceRecord]) -> Loaded<ConsoleRecords> {
        var records = ConsoleRecords()
        records.maintenance = steps
        return .loaded(records)
    }

    static func step(_ node: SwarmNode, _ action: String, daysAgo: Double) -> MaintenanceRecord {
        MaintenanceRecord(target: target.name, node: node.id, at: now.addingTimeInterval(-daysAgo * 86_400), action: action, by: "ops")
    }

    /// A node event `secondsAgo` before `now`.
    static func event(_ node: SwarmNode, secondsAgo: Double, from old: String, to new: String) -> SwarmNodeEvent {
        SwarmNodeEvent(nodeID: node.id, time: now.addingTimeInterval(-secondsAgo), stateOld: old, stateNew: new)
    }

    // MARK: documented output

    static let nodeLsLines = """
    {"Availability":"Active","EngineVersion":"20.10.24+dfsg1","Hostname":"vm","ID":"37vj0kqrsebf576373tp7fxdb","ManagerStatus":"","Self":false,"Status":"Ready","TLSStatus":"Ready"}
    {"Availability":"Active","EngineVersion":"20.10.24+dfsg1","Hostname":"vm","ID":"o5b5pu8jypmr3550zc70x3vsb","ManagerStatus":"Leader","Self":true,"Status":"Ready","TLSStatus":"Ready"}

    """

    static let nodeInspect = #"""
    [
     {"ID":"o5b5pu8jypmr3550zc70x3vsb","Version":{"Index":9},"CreatedAt":"2026-11-25T11:31:18.140325763Z","UpdatedAt":"2026-11-25T11:31:18.243784726Z",
      "Spec":{"Labels":{},"Role":"manager","Availability":"active"},
      "Description":{"Hostname":"vm","Platform":{"Architecture":"x86_64","OS":"linux"},"Resources":{"NanoCPUs":2000000000,"MemoryBytes":25276510208},
                     "Engine":{"EngineVersion":"20.10.24+dfsg1","Plugins":[{"Type":"Log","Name":"awslogs"}]},"TLSInfo":{"TrustRoot":"x"}},
      "Status":{"State":"ready","Addr":"0.0.0.0"},
      "ManagerStatus":{"Leader":true,"Reachability":"reachable","Addr":"127.0.0.1:2377"}},
     {"ID":"37vj0kqrsebf576373tp7fxdb","Version":{"Index":12},"CreatedAt":"2026-11-25T11:33:06Z","UpdatedAt":"2026-11-25T11:33:24.276792249Z",
      "Spec":{"Labels":{"role":"router"},"Role":"worker","Availability":"drain"},
      "Description":{"Hostname":"vm","Platform":{"Architecture":"x86_64","OS":"linux"},"Resources":{"NanoCPUs":1000000000,"MemoryBytes":2147483648},
                     "Engine":{"EngineVersion":"20.10.24+dfsg1"}},
      "Status":{"State":"down","Addr":"198.18.7.2"}}
    ]
    """#

    static let serviceLsLines = """
    {"ID":"s4bku4p7w4nz","Image":"local/sleeper:1.0","Mode":"replicated","Name":"deis-router","Ports":"","Replicas":"2/2"}
    {"ID":"da7yxqijvuoy","Image":"local/sleeper:1.0","Mode":"global","Name":"agent","Ports":"","Replicas":"1/1"}
    """

    static let serviceInspect = #"""
    [
     {"ID":"s4bku4p7w4nzabcdefghijklm","Version":{"Index":30},"CreatedAt":"2026-11-25T11:31:18Z","UpdatedAt":"2026-11-25T11:31:18Z",
      "Spec":{"Name":"deis-router","Labels":{},
       "TaskTemplate":{
        "ContainerSpec":{"Image":"local/sleeper:1.0",
         "Env":["POSTGRES_PASSWORD=hunter2-secret","DB_PASSWORD_FILE=/run/secrets/db","API_TOKEN=/run/secrets/api","EMPTY_SECRET=","LOG_LEVEL=debug","MASTER_KEY=abc123"],
         "Mounts":[{"Type":"bind","Source":"/tmp","Target":"/host-tmp","ReadOnly":true},{"Type":"volume","Source":"appdata","Target":"/data"}],
         "Secrets":[{"File":{"Name":"router-cert","UID":"0","GID":"0","Mode":292},"SecretID":"hq03y1nxqhlwb1k3fwl475u59","SecretName":"router-cert"}],
         "Configs":[{"File":{"Name":"/etc/router.conf","UID":"0","GID":"0","Mode":292},"ConfigID":"vapyjbipc63686g9eigubvmug","ConfigName":"router-conf"}],
         "StopGracePeriod":10000000000,"Isolation":"default"},
        "Resources":{"Limits":{"MemoryBytes":67108864},"Reservations":{"NanoCPUs":100000000}},
        "RestartPolicy":{"Condition":"any","Delay":5000000000,"MaxAttempts":0},
        "Placement":{"Constraints":["node.labels.role==router"]},"ForceUpdate":0,"Runtime":"container"},
       "Mode":{"Replicated":{"Replicas":2}},
       "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"host"}]}},
      "Endpoint":{"Spec":{},"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"host"}]}},
     {"ID":"da7yxqijvuoyabcdefghijklm","Version":{"Index":31},
      "Spec":{"Name":"agent","TaskTemplate":{"ContainerSpec":{"Image":"local/sleeper:1.0@sha256:0f99158b7c3f446e9563694fcbed58f6df1b3d5925ee65182c1b69ccf5e715b0"},"Placement":{}},
       "Mode":{"Global":{}},"EndpointSpec":{"Mode":"vip"}},
      "Endpoint":{"Spec":{}}}
    ]
    """#

    /// `docker events --filter type=node --format '{{json .}}'`, observed on dockerd 20.10.24:
    /// a worker drained, its daemon stopped (heartbeat failure) and started again.
    static let nodeEventLines = #"""
    {"Type":"node","Action":"update","Actor":{"ID":"bd2xhpkrz40jw3uyqlbb1o7e3","Attributes":{"availability.new":"drain","availability.old":"active","name":"dx-w"}},"scope":"swarm","time":1796168482,"timeNano":1796168482409500167}
    {"Type":"node","Action":"update","Actor":{"ID":"bd2xhpkrz40jw3uyqlbb1o7e3","Attributes":{"name":"dx-w","state.new":"down","state.old":"ready"}},"scope":"swarm","time":1796168493,"timeNano":1796168493603532878}
    {"Type":"node","Action":"update","Actor":{"ID":"bd2xhpkrz40jw3uyqlbb1o7e3","Attributes":{"name":"dx-w","state.new":"ready","state.old":"down"}},"scope":"swarm","time":1796168494,"timeNano":1796168494916145798}
    {"Type":"network","Action":"update","Actor":{"ID":"qzmgum15m062066geqbk6c7fs","Attributes":{"name":"ingress"}},"scope":"swarm","time":1796168524,"timeNano":1796168524767663445}

    """#

    static let servicePsLines = #"""
    {"CurrentState":"Running 10 minutes ago","DesiredState":"Running","Error":"","ID":"szq989ftcps3xxxxxxxxxxxxx","Image":"local/sleeper:1.0","Name":"deis-router.1","Node":"mgr","Ports":""}
    {"CurrentState":"Pending 14 seconds ago","DesiredState":"Running","Error":"\"no suitable node (1 node not available for new tasks; scheduling constraints not satisfied on 1 node)\"","ID":"yyc5vg2pltbm4b2t56xzzb53a","Image":"local/sleeper:1.0","Name":"deis-router.2","Node":"","Ports":""}
    {"CurrentState":"Running 3 seconds ago","DesiredState":"Running","Error":"","ID":"agenttask00000000000000001","Image":"local/sleeper:1.0","Name":"agent.o5b5pu8jypmr3550zc70x3vsb","Node":"vm","Ports":""}
    """#
}
