import CHeapInfo

/// What the allocator itself holds (glibc `mallinfo2`), as against what the kernel counts:
/// live bytes that grow refresh after refresh are a leak; a resident size that grows while
/// they stay flat is the allocator's fragmentation.
enum HeapStatus {
    /// Bytes in live allocations, or nil where the C library cannot say.
    static func liveBytes() -> Int? {
        let bytes = shipshape_heap_live_bytes()
        return bytes < 0 ? nil : Int(bytes)
    }
}
