// glibc allocator settings for processes that make and drop large tensors (HeapAllocation.swift):
// mallopt is declared in <malloc.h>, which Swift's Glibc module does not export.
#include "reme_kernels.h"

#include <limits.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>

void reme_reuse_large_heap_blocks(void) {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
    mallopt(M_TOP_PAD, 256 << 20);
    mallopt(M_ARENA_MAX, 1);
}
#else
void reme_reuse_large_heap_blocks(void) {}
#endif
