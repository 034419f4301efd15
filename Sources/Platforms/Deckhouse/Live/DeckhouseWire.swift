import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform

/// The JSON shapes of the Deckhouse custom resources (and the few core objects the
/// Deckhouse rules read), decoding only the fields the rules use. Strings that a
/// malformed object might carry as another type decode leniently (`LenientString`), so a
/// bad window is reported by the rules instead of failing the whole section.
enum DeckhouseWire {
    struct Metadata: Decodable {
        var name: String
        var labels: [String: String]?
        var annotations: [String: String]?
        var creationTimestamp: String?
    }

    struct ModuleConfig: Decodable {
        var metadata: Metadata
        var spec: Spec?

        struct Spec: Decodable {
            var enabled: Bool?
            var settings: Settings?
        }
        struct Settings: Decodable {
            var releaseChannel: LenientString?
            var update: Update?
            /// ModuleConfig `global`: deprecated location of the storage class; other modules
            /// (prometheus, upmeter, loki): the class of their own volumes.
            var storageClass: LenientString?
            var longtermStorageClass: LenientString?
            var nodeSelector: KeysOnly?
            var modules: Modules?
        }
        struct Update: Decodable {
            var mode: LenientString?
            var windows: [Window]?
        }
        struct Window: Decodable {
            var from: LenientString?
            var to: LenientString?
            var days: [LenientString]?
        }
        struct Modules: Decodable {
            var storageClass: LenientString?
        }
    }

    struct Release: Decodable {
        var metadata: Metadata
        var approved: Bool?
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable {
            var version: String?
            /// Values are strings in the CRD; a lenient read keeps a stray number (`k8s: 1.29`) as text.
            var requirements: [String: LenientString]?
        }
        struct Status: Decodable {
            var phase: String?
            var transitionTime: String?
            var message: String?
        }
    }

    struct NodeGroup: Decodable {
        var metadata: Metadata
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable {
            var nodeType: String?
            var nodeTemplate: Template?
        }
        struct Template: Decodable {
            var labels: [String: String]?
        }
        struct Status: Decodable {
            var nodes: Int?
        }
    }

    struct IngressController: Decodable {
        var metadata: Metadata
        var spec: Spec?

        struct Spec: Decodable {
            var inlet: String?
            var ingressClass: String?
        }
    }

    struct Alertmanager: Decodable {
        var metadata: Metadata
        var spec: Spec?

        struct Spec: Decodable {
            var type: String?
            var external: External?
            var `internal`: Internal?
        }
        /// Only whether a destination is set: addresses and credentials are never decoded.
        struct External: Decodable {
            var address: KubeWire.Ignored?
            var service: KubeWire.Ignored?
        }
        struct Internal: Decodable {
            var receivers: [Receiver]?
        }
        /// Counts the `emailConfigs`, `slackConfigs`, `webhookConfigs`, … lists that hold something.
        struct Receiver: Decodable {
            var configured: Bool

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                configured = container.allKeys.contains { key in
                    key.stringValue.hasSuffix("Configs")
                        && ((try? container.decode([KubeWire.Ignored].self, forKey: key))?.isEmpty == false)
                }
            }
        }
    }

    /// Only the ClusterConfiguration key is declared: no other value of the secret is
    /// ever decoded, and this one is dropped as soon as `kubernetesVersion` is read.
    struct ClusterConfigurationSecret: Decodable {
        var data: Data?

        struct Data: Decodable {
            var clusterConfiguration: String?
            enum CodingKeys: String, CodingKey { case clusterConfiguration = "cluster-configuration.yaml" }
        }
    }

    /// The keys of an object whose values do not matter (a nodeSelector's labels).
    struct KeysOnly: Decodable {
        var keys: [String]

        init(from decoder: any Decoder) throws {
            keys = ((try? decoder.container(keyedBy: AnyKey.self))?.allKeys.map(\.stringValue) ?? []).sorted()
        }
    }

    /// A pod of an ingress controller: its controller's name label, its node, and each
    /// container's requests.
    struct IngressPod: Decodable {
        var metadata: Metadata
        var spec: Spec?

        struct Spec: Decodable {
            var nodeName: String?
            var containers: [Container]?
        }
        struct Container: Decodable {
            var resources: Resources?
        }
        struct Resources: Decodable {
            var requests: [String: LenientString]?
        }
    }

    /// A Job of `kube-system`: which CronJob made it (its controlling ownerReference — also
    /// set by `kubectl create job --from=cronjob/…`) and when it completed successfully.
    struct Job: Decodable {
        var metadata: JobMetadata
        var status: Status?

        struct JobMetadata: Decodable {
            var name: String
            var ownerReferences: [Owner]?
        }
        struct Owner: Decodable {
            var kind: String?
            var name: String?
        }
        struct Status: Decodable {
            var succeeded: Int?
            var completionTime: String?
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
