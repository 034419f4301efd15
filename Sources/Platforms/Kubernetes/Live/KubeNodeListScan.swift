import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes
/// Reads a node list (`/api/v1/nodes`) with `JSONScanner`, keeping only the fields
/// `KubeWire.Node` declares — name, labels, capacity cpu/memory/disk, the Ready condition,
/// the kubelet version — and skipping the rest (images, annotations, addresses, other
/// conditions: about nine tenths of each ~5.6 KB node) without building it.
///
/// The fields go straight to `KubeDecoder.node(name:labels:…)`, the mapping the typed
/// `KubeWire.Node` also goes through, with no intermediate node value. As with the typed decoder, a list
/// without `items`, a node without `metadata.name` or a label that is not a string is an
/// error; a condition without `type` or `status` no longer fails the whole list, it just
/// does not count. A `null` where an object is expected reads as absent.
public enum KubeNodeListScan {
    public static func nodes(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONScanError) -> [KubeNode] {
        try nodesAndVersion(buffer).nodes
    }

    /// The nodes and the list's `metadata.resourceVersion`, in the same one pass: the version a
    /// watch of the node list starts from.
    public static func nodesAndVersion(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONScanError) -> (nodes: [KubeNode], version: String?) {
        var scanner = JSONScanner(buffer)
        var nodes: [KubeNode] = []
        var cache = JSONStringCache()
        var sawItems = false
        var version: String?
        try scanner.object { s, key throws(JSONScanError) in
            if key == "metadata" { return version = try KubeListVersion.metadataVersion(&s) }
            guard key == "items" else { return try s.skipValue() }
            sawItems = true
            try s.array { s throws(JSONScanError) in nodes.append(try node(&s, cache: &cache)) }
        }
        try scanner.end()
        guard sawItems else { throw JSONScanError(offset: 0, reason: "missing field items") }
        return (nodes, version)
    }

    /// The fields of one node that `KubeDecoder.node` maps.
    public struct Fields {
        public var name: String?
        public var labels: [String: String] = [:]
        public var readyStatus: String?
        public var cpu: String?
        public var memory: String?
        public var disk: String?
        public var kubeletVersion: String?
    }

    public static func node(_ s: inout JSONScanner, cache: inout JSONStringCache) throws(JSONScanError) -> KubeNode {
        let start = s.offset
        var fields = Fields()
        try s.object { s, key throws(JSONScanError) in
            if key == "metadata" {
                try metadata(&s, into: &fields, cache: &cache)
            } else if key == "status" {
                if try s.skipNull() { return }
                try status(&s, into: &fields)
            } else {
                try s.skipValue()
            }
        }
        guard let name = fields.name else { throw JSONScanError(offset: start, reason: "missing field metadata.name") }
        return KubeDecoder.node(name: name, labels: fields.labels, readyStatus: fields.readyStatus, cpu: fields.cpu,
                                memory: fields.memory, disk: fields.disk, kubeletVersion: fields.kubeletVersion)
    }

    public static func metadata(_ s: inout JSONScanner, into fields: inout Fields, cache: inout JSONStringCache) throws(JSONScanError) {
        try s.object { s, key throws(JSONScanError) in
            if key == "name" {
                fields.name = try s.string()
            } else if key == "labels" {
                if try s.skipNull() { return }
                fields.labels.reserveCapacity(16)
                var slot = 0
                try s.object { s, key throws(JSONScanError) in
                    fields.labels[key.string(cache: &cache, slot: slot)] = try s.string(cache: &cache, slot: slot + 1)
                    slot += 2
                }
            } else {
                try s.skipValue()
            }
        }
    }

    public static func status(_ s: inout JSONScanner, into fields: inout Fields) throws(JSONScanError) {
        try s.object { s, key throws(JSONScanError) in
            if key == "capacity" {
                if try s.skipNull() { return }
                try s.object { s, key throws(JSONScanError) in
                    if key == "cpu" { fields.cpu = try s.stringIfPresent() }
                    else if key == "memory" { fields.memory = try s.stringIfPresent() }
                    else if key == "ephemeral-storage" { fields.disk = try s.stringIfPresent() }
                    else { try s.skipValue() }
                }
            } else if key == "conditions" {
                if try s.skipNull() { return }
                // Only the (first) Ready condition is used; the others are skipped unread.
                try s.array { s throws(JSONScanError) in
                    var isReady = false
                    var value: String?
                    try s.object { s, key throws(JSONScanError) in
                        if key == "type" { isReady = try s.stringEquals("Ready") }
                        else if key == "status" { value = try s.string() }
                        else { try s.skipValue() }
                    }
                    if isReady, fields.readyStatus == nil { fields.readyStatus = value }
                }
            } else if key == "nodeInfo" {
                if try s.skipNull() { return }
                try s.object { s, key throws(JSONScanError) in
                    if key == "kubeletVersion" { fields.kubeletVersion = try s.stringIfPresent() } else { try s.skipValue() }
                }
            } else {
                try s.skipValue()
            }
        }
    }
}
