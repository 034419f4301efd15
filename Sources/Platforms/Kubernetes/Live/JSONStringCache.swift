#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// Strings seen at numbered positions of the previous object (the n-th label key, its
/// value), handed out again when the next object has the same bytes there. Kubernetes
/// writes map keys sorted, so the n-th label of every node is usually the same key.
public struct JSONStringCache {
    private var slots: [String] = []

    public init() {}

    public mutating func string(slot: Int, bytes: UnsafeBufferPointer<UInt8>) -> String {
        if slot < slots.count {
            let same = slots[slot].utf8.withContiguousStorageIfAvailable { stored in
                stored.count == bytes.count && (bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
            }
            if same == true { return slots[slot] }
        }
        let fresh = String(decoding: bytes, as: UTF8.self)
        if slot < slots.count {
            slots[slot] = fresh
        } else if slot == slots.count {
            slots.append(fresh)
        }
        return fresh
    }
}
