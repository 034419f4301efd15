#ifndef SHIPSHAPE_HEAP_INFO_H
#define SHIPSHAPE_HEAP_INFO_H
#include <stddef.h>

/// Bytes in live allocations (glibc mallinfo2: uordblks + hblkhd), or -1 where the C
/// library has no mallinfo2. For shipshape-bench: telling a leak from fragmentation.
long long shipshape_heap_live_bytes(void);

#endif
