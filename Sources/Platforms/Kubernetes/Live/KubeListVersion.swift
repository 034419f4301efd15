import ShipshapeCore

/// The `metadata.resourceVersion` of a list or an object: where a watch starts from. Read with
/// `JSONScanner`, skipping everything else unbuilt.
public enum KubeListVersion {
    /// The top-level `metadata.resourceVersion` of a document (a list), or nil.
    public static func of(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        var scanner = JSONScanner(buffer)
        var version: String?
        do {
            try scanner.object { s, key throws(JSONScanError) in
                if key == "metadata" { version = try metadataVersion(&s) } else { try s.skipValue() }
            }
        } catch {
            return nil
        }
        return version
    }

    /// At a `metadata` value: its `resourceVersion`.
    public static func metadataVersion(_ s: inout JSONScanner) throws(JSONScanError) -> String? {
        if try s.skipNull() { return nil }
        var version: String?
        try s.object { s, key throws(JSONScanError) in
            if key == "resourceVersion" { version = try s.stringIfPresent() } else { try s.skipValue() }
        }
        return version
    }
}
