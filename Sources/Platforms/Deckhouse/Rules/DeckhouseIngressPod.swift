import ShipshapeCore
import KubernetesRules
import EtcdRules
/// A pod of an ingress controller (namespace `d8-ingress-nginx`, labels `app: controller`,
/// `name: <controller>`): where it runs and what its containers request together. nil
/// requests: no container states that resource (VPA mode leaves them out).
public struct DeckhouseIngressPod: Sendable, Hashable {
    public var name: String
    public var controller: String
    public var nodeName: String?
    public var cpuRequestMillis: Int?
    public var memoryRequestBytes: Int64?

    public init(name: String, controller: String, nodeName: String?, cpuRequestMillis: Int?, memoryRequestBytes: Int64?) {
        self.name = name
        self.controller = controller
        self.nodeName = nodeName
        self.cpuRequestMillis = cpuRequestMillis
        self.memoryRequestBytes = memoryRequestBytes
    }
}
