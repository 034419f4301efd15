import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// The JSON shapes `kubectl get --raw` hands back, decoding only the fields rules
/// use. Unknown fields are skipped by the decoder, which is what keeps a 5,000-node
/// list cheap.
public enum KubeWire {
    public struct List<Item: Decodable>: Decodable {
        public var items: [Item]
    }

    public struct Metadata: Decodable {
        public var name: String
        public var namespace: String?
        public var labels: [String: String]?
        public var annotations: [String: String]?
    }

    /// The fields of a node that are used. The list itself is read by `KubeNodeListScan`
    /// (one pass, no `JSONDecoder`), which picks exactly these; the type stays as their
    /// definition and for tests that check both readers agree.
    public struct Node: Decodable {
        public var metadata: Metadata
        public var status: Status?

        public struct Status: Decodable {
            public var capacity: [String: String]?
            public var conditions: [Condition]?
            public var nodeInfo: NodeInfo?
        }
        public struct Condition: Decodable {
            public var type: String
            public var status: String
        }
        public struct NodeInfo: Decodable {
            public var kubeletVersion: String?
        }
    }

    public struct Deployment: Decodable {
        public var metadata: Metadata
        public var spec: Spec?
        public var status: Status?

        public struct Spec: Decodable {
            public var replicas: Int?
            public var template: Template?
        }
        public struct Template: Decodable {
            public var spec: PodSpec?
        }
        public struct PodSpec: Decodable {
            public var containers: [Container]?
        }
        public struct Container: Decodable {
            public var name: String
            public var image: String?
            public var env: [Env]?
        }
        public struct Env: Decodable {
            public var name: String
            public var value: String?
            public var valueFrom: Ignored?
        }
        public struct Status: Decodable {
            public var readyReplicas: Int?
        }
    }

    /// Present-or-absent marker for objects whose content is irrelevant.
    public struct Ignored: Decodable {
        public init(from decoder: any Decoder) throws {}
    }

    public struct Pod: Decodable {
        public var metadata: Metadata
        public var spec: Spec?
        public var status: Status?

        public struct Spec: Decodable {
            public var nodeName: String?
        }
        public struct Status: Decodable {
            public var phase: String?
            public var conditions: [Node.Condition]?
        }
    }

    public struct Secret: Decodable {
        public var metadata: Metadata
        public var type: String?
        public var data: Data?

        /// Only the public certificate is ever decoded; `tls.key` and everything else
        /// stays undecoded bytes in the input buffer.
        public struct Data: Decodable {
            public var tlsCrt: String?
            public enum CodingKeys: String, CodingKey { case tlsCrt = "tls.crt" }
        }
    }

    public struct GroupList: Decodable {
        public var groups: [Group]
        public struct Group: Decodable { var name: String }
    }

    public struct CronJob: Decodable {
        public var metadata: Metadata
        public var spec: Spec?
        public var status: Status?

        public struct Spec: Decodable {
            public var schedule: String?
            public var suspend: Bool?
        }
        public struct Status: Decodable {
            public var lastScheduleTime: String?
            public var lastSuccessfulTime: String?
            public var active: [Ignored]?
        }
    }

    public struct NameOnly: Decodable {
        public var metadata: Metadata
    }
}
