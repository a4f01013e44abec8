#ifndef REME_KERNELS_H
#define REME_KERNELS_H

#include <stddef.h>

/// 1 when this CPU (and the OS) can run the AVX2 + FMA kernels below, else 0.
int reme_has_avx2_fma(void);

/// In-place softmax of `row[0..<count]` times `scale`, max-subtracted, with 8-wide AVX2/FMA
/// exponentials (relative error < 5e-7); a row of -inf only becomes uniform.
/// Call only when reme_has_avx2_fma() is 1 (on other CPUs it does nothing).
void reme_softmax_avx2(float *row, size_t count, float scale);

/// In-place exact GELU, 0.5·x·(1 + erf(x/√2)), with erf by Abramowitz–Stegun 7.1.26 (absolute
/// error < 6e-7), 8 lanes at a time. Call only when reme_has_avx2_fma() is 1.
void reme_gelu_avx2(float *values, size_t count);

/// Layer normalisation of one row, `(x − mean)/√(var + eps)·weight + bias` (weight, bias may be
/// NULL), mean and biased variance summed two-pass in double (the portable Swift formula), 8
/// lanes at a time; `out` may be `x`. Call only when reme_has_avx2_fma() is 1.
void reme_layer_norm_avx2(const float *x, float *out, size_t width, const float *weight, const float *bias,
                          float epsilon);

/// A transformer block's residual, norm and positional step on one row, in one pass over it:
/// `row = layer_norm(row + residual [+ residual_bias])` in place (as reme_layer_norm_avx2), then
/// `positioned = row + positions`. Call only when reme_has_avx2_fma() is 1.
void reme_residual_layer_norm_avx2(float *row, const float *residual, const float *residual_bias, size_t width,
                                   const float *weight, const float *bias, float epsilon, const float *positions,
                                   float *positioned);

/// In-place softmax times `scale` of `rows` consecutive rows of `count` ≤ 8 floats each (one
/// masked 8-lane register per row; larger counts are left untouched: use reme_softmax_avx2).
/// Call only when reme_has_avx2_fma() is 1.
void reme_softmax_short_rows_avx2(float *values, size_t rows, size_t count, float scale);

/// Keeps blocks up to 1 GiB in glibc's heap (no mmap/munmap per large tensor), never trims it,
/// and has every thread allocate from the main arena (other arenas' heaps cap at 64 MB, so
/// larger blocks there are mmapped anyway); a no-op without glibc. Call at process start.
void reme_reuse_large_heap_blocks(void);

#endif
