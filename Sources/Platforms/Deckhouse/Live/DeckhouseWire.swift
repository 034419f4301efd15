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
        var creationTimestamp: String?
    }

    struct ModuleConfig: Decodable {
        var metadata: Metadata
        var spec: Spec?

        struct Spec: Decodable {
            var settings: Settings?
        }
        struct Settings: Decodable {
            var releaseChannel: LenientString?
            var update: Update?
            /// ModuleConfig `global` only: deprecated location of the storage class.
            var storageClass: LenientString?
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
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable { var version: String? }
        struct Status: Decodable {
            var phase: String?
            var transitionTime: String?
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

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
