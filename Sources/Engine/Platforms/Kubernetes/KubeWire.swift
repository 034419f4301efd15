import Foundation

/// The JSON shapes `kubectl get --raw` hands back, decoding only the fields rules
/// use. Unknown fields are skipped by the decoder, which is what keeps a 5,000-node
/// list cheap.
enum KubeWire {
    struct List<Item: Decodable>: Decodable {
        var items: [Item]
    }

    struct Metadata: Decodable {
        var name: String
        var namespace: String?
        var labels: [String: String]?
        var annotations: [String: String]?
    }

    /// The fields of a node that are used. The list itself is read by `KubeNodeListScan`
    /// (one pass, no `JSONDecoder`), which picks exactly these; the type stays as their
    /// definition and for tests that check both readers agree.
    struct Node: Decodable {
        var metadata: Metadata
        var status: Status?

        struct Status: Decodable {
            var capacity: [String: String]?
            var conditions: [Condition]?
            var nodeInfo: NodeInfo?
        }
        struct Condition: Decodable {
            var type: String
            var status: String
        }
        struct NodeInfo: Decodable {
            var kubeletVersion: String?
        }
    }

    struct Deployment: Decodable {
        var metadata: Metadata
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable {
            var replicas: Int?
            var template: Template?
        }
        struct Template: Decodable {
            var spec: PodSpec?
        }
        struct PodSpec: Decodable {
            var containers: [Container]?
        }
        struct Container: Decodable {
            var name: String
            var image: String?
            var env: [Env]?
        }
        struct Env: Decodable {
            var name: String
            var value: String?
            var valueFrom: Ignored?
        }
        struct Status: Decodable {
            var readyReplicas: Int?
        }
    }

    /// Present-or-absent marker for objects whose content is irrelevant.
    struct Ignored: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    struct Pod: Decodable {
        var metadata: Metadata
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable {
            var nodeName: String?
        }
        struct Status: Decodable {
            var phase: String?
            var conditions: [Node.Condition]?
        }
    }

    struct Secret: Decodable {
        var metadata: Metadata
        var type: String?
        var data: Data?

        /// Only the public certificate is ever decoded; `tls.key` and everything else
        /// stays undecoded bytes in the input buffer.
        struct Data: Decodable {
            var tlsCrt: String?
            enum CodingKeys: String, CodingKey { case tlsCrt = "tls.crt" }
        }
    }

    struct GroupList: Decodable {
        var groups: [Group]
        struct Group: Decodable { var name: String }
    }

    struct CronJob: Decodable {
        var metadata: Metadata
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable {
            var schedule: String?
            var suspend: Bool?
        }
        struct Status: Decodable {
            var lastScheduleTime: String?
            var lastSuccessfulTime: String?
            var active: [Ignored]?
        }
    }

    struct NameOnly: Decodable {
        var metadata: Metadata
    }
}
