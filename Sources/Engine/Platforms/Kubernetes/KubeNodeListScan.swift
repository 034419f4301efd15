/// Reads a node list (`/api/v1/nodes`) with `JSONScanner`, keeping only what
/// `KubeWire.Node` declares — name, labels, capacity cpu/memory, the Ready condition,
/// the kubelet version — and skipping the rest (images, annotations, addresses, other
/// conditions: about nine tenths of each ~5.6 KB node) without building it.
///
/// The result is the same `KubeWire.Node` the typed decoder produced, so the mapping to
/// `KubeNode` stays in one place (`KubeDecoder.node`). As with the typed decoder, a list
/// without `items`, a node without `metadata.name` or a label that is not a string is an
/// error; a condition without `type` or `status` no longer fails the whole list, it just
/// does not count. A `null` where an object is expected reads as absent.
enum KubeNodeListScan {
    static func nodes(_ bytes: [UInt8]) throws(JSONScanError) -> [KubeWire.Node] {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONScanError) -> [KubeWire.Node] in
            var scanner = JSONScanner(buffer)
            var nodes: [KubeWire.Node] = []
            var cache = JSONStringCache()
            var sawItems = false
            try scanner.object { s, key throws(JSONScanError) in
                guard key == "items" else { return try s.skipValue() }
                sawItems = true
                try s.array { s throws(JSONScanError) in nodes.append(try node(&s, cache: &cache)) }
            }
            try scanner.end()
            guard sawItems else { throw JSONScanError(offset: 0, reason: "missing field items") }
            return nodes
        }
    }

    static func node(_ s: inout JSONScanner, cache: inout JSONStringCache) throws(JSONScanError) -> KubeWire.Node {
        let start = s.offset
        var name: String?
        var labels: [String: String]?
        var status: KubeWire.Node.Status?
        try s.object { s, key throws(JSONScanError) in
            if key == "metadata" {
                try s.object { s, key throws(JSONScanError) in
                    if key == "name" {
                        name = try s.string()
                    } else if key == "labels" {
                        if try s.skipNull() { return }
                        var map: [String: String] = [:]
                        map.reserveCapacity(16)
                        var slot = 0
                        try s.object { s, key throws(JSONScanError) in
                            map[key.string(cache: &cache, slot: slot)] = try s.string(cache: &cache, slot: slot + 1)
                            slot += 2
                        }
                        labels = map
                    } else {
                        try s.skipValue()
                    }
                }
            } else if key == "status" {
                if try s.skipNull() { return }
                status = try nodeStatus(&s)
            } else {
                try s.skipValue()
            }
        }
        guard let name else { throw JSONScanError(offset: start, reason: "missing field metadata.name") }
        return KubeWire.Node(metadata: KubeWire.Metadata(name: name, labels: labels), status: status)
    }

    static func nodeStatus(_ s: inout JSONScanner) throws(JSONScanError) -> KubeWire.Node.Status {
        var status = KubeWire.Node.Status()
        try s.object { s, key throws(JSONScanError) in
            if key == "capacity" {
                if try s.skipNull() { return }
                var capacity: [String: String] = [:]
                try s.object { s, key throws(JSONScanError) in
                    if key == "cpu" || key == "memory" {
                        capacity[key.string] = try s.stringIfPresent()
                    } else {
                        try s.skipValue()
                    }
                }
                status.capacity = capacity
            } else if key == "conditions" {
                if try s.skipNull() { return }
                // Only the Ready condition is used; the others are skipped unread.
                var conditions: [KubeWire.Node.Condition] = []
                try s.array { s throws(JSONScanError) in
                    var isReady = false
                    var value: String?
                    try s.object { s, key throws(JSONScanError) in
                        if key == "type" { isReady = try s.stringEquals("Ready") }
                        else if key == "status" { value = try s.string() }
                        else { try s.skipValue() }
                    }
                    if isReady, let value { conditions.append(KubeWire.Node.Condition(type: "Ready", status: value)) }
                }
                status.conditions = conditions
            } else if key == "nodeInfo" {
                if try s.skipNull() { return }
                var info = KubeWire.Node.NodeInfo()
                try s.object { s, key throws(JSONScanError) in
                    if key == "kubeletVersion" { info.kubeletVersion = try s.stringIfPresent() } else { try s.skipValue() }
                }
                status.nodeInfo = info
            } else {
                try s.skipValue()
            }
        }
        return status
    }
}
