// Element kernels for AVX2 + FMA CPUs, chosen at run time (the Swift code is built for
// baseline x86-64, whose 4-wide SSE2 code made the attention softmax ~30 % of attention time).
// The formulas are the same as ReMETensor's FastMath, so results agree to float rounding.
#include "reme_kernels.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <math.h>

int reme_has_avx2_fma(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!fma || !osxsave || !avx) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;  // the OS saves XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 5) & 1;  // AVX2
}

#define TARGET __attribute__((target("avx2,fma")))

TARGET static inline __m256 exp8(__m256 x) {
    const __m256 clamped = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.0f)), _mm256_set1_ps(88.0f));
    const __m256 magic = _mm256_set1_ps(12582912.0f);  // 1.5·2^23: round to nearest
    const __m256 shifted = _mm256_fmadd_ps(clamped, _mm256_set1_ps(1.44269504088896341f), magic);
    const __m256 n = _mm256_sub_ps(shifted, magic);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), clamped);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3333519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i exponent = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_set1_epi32(0x4B400000));
    const __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(exponent, _mm256_set1_epi32(127)), 23));
    __m256 value = _mm256_mul_ps(p, scale);
    value = _mm256_blendv_ps(value, _mm256_setzero_ps(), _mm256_cmp_ps(x, _mm256_set1_ps(-87.0f), _CMP_LT_OQ));
    return _mm256_blendv_ps(value, _mm256_set1_ps(INFINITY), _mm256_cmp_ps(x, _mm256_set1_ps(88.7f), _CMP_GT_OQ));
}

/// The same exponential for one float, through the 8-lane code (tails stay consistent).
TARGET static inline float exp1(float x) {
    return _mm256_cvtss_f32(exp8(_mm256_set1_ps(x)));
}

TARGET static inline float horizontal_max(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_shuffle_ps(m, m, 1));
    return _mm_cvtss_f32(m);
}

TARGET static inline float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}

TARGET void reme_softmax_avx2(float *row, size_t count, float scale) {
    const __m256 vscale = _mm256_set1_ps(scale);
    __m256 vmax = _mm256_set1_ps(-INFINITY);
    size_t j = 0;
    for (; j + 8 <= count; j += 8) {
        __m256 v = _mm256_mul_ps(_mm256_loadu_ps(row + j), vscale);
        _mm256_storeu_ps(row + j, v);
        vmax = _mm256_max_ps(vmax, v);
    }
    float m = horizontal_max(vmax);
    for (; j < count; j++) {
        row[j] *= scale;
        if (row[j] > m) m = row[j];
    }
    if (m == -INFINITY) {
        for (size_t k = 0; k < count; k++) row[k] = 1.0f / (float)count;
        return;
    }
    const __m256 vm = _mm256_set1_ps(m);
    __m256 vsum = _mm256_setzero_ps();
    for (j = 0; j + 8 <= count; j += 8) {
        __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(row + j), vm));
        _mm256_storeu_ps(row + j, e);
        vsum = _mm256_add_ps(vsum, e);
    }
    float sum = horizontal_sum(vsum);
    for (; j < count; j++) {
        row[j] = exp1(row[j] - m);
        sum += row[j];
    }
    const __m256 inv = _mm256_set1_ps(1.0f / sum);
    for (j = 0; j + 8 <= count; j += 8) _mm256_storeu_ps(row + j, _mm256_mul_ps(_mm256_loadu_ps(row + j), inv));
    for (; j < count; j++) row[j] *= 1.0f / sum;
}

TARGET static inline __m256 gelu8(__m256 x) {
    const __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(0.70710678118654752f));
    const __m256 sign = _mm256_and_ps(z, _mm256_set1_ps(-0.0f));
    const __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), z);
    const __m256 t = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(a, _mm256_set1_ps(0.3275911f), _mm256_set1_ps(1.0f)));
    __m256 poly = _mm256_set1_ps(1.061405429f);
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
    const __m256 e = exp8(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(a, a)));
    const __m256 magnitude = _mm256_fnmadd_ps(_mm256_mul_ps(poly, t), e, _mm256_set1_ps(1.0f));
    const __m256 erf = _mm256_or_ps(magnitude, sign);
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), _mm256_add_ps(_mm256_set1_ps(1.0f), erf));
}

TARGET void reme_gelu_avx2(float *values, size_t count) {
    size_t j = 0;
    for (; j + 8 <= count; j += 8) _mm256_storeu_ps(values + j, gelu8(_mm256_loadu_ps(values + j)));
    if (j < count) {
        float tail[8] = {0};
        for (size_t k = j; k < count; k++) tail[k - j] = values[k];
        _mm256_storeu_ps(tail, gelu8(_mm256_loadu_ps(tail)));
        for (size_t k = j; k < count; k++) values[k] = tail[k - j];
    }
}

TARGET static inline double horizontal_sum_pd(__m256d v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    s = _mm_add_sd(s, _mm_unpackhi_pd(s, s));
    return _mm_cvtsd_f64(s);
}

TARGET void reme_layer_norm_avx2(const float *x, float *out, size_t width, const float *weight, const float *bias,
                                 float epsilon) {
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t j = 0;
    for (; j + 8 <= width; j += 8) {
        const __m256 v = _mm256_loadu_ps(x + j);
        lo = _mm256_add_pd(lo, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
        hi = _mm256_add_pd(hi, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    }
    double sum = horizontal_sum_pd(_mm256_add_pd(lo, hi));
    for (; j < width; j++) sum += (double)x[j];
    const double mean = sum / (double)width;
    const __m256d vmean = _mm256_set1_pd(mean);
    lo = _mm256_setzero_pd();
    hi = _mm256_setzero_pd();
    for (j = 0; j + 8 <= width; j += 8) {
        const __m256 v = _mm256_loadu_ps(x + j);
        const __m256d a = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)), vmean);
        const __m256d b = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)), vmean);
        lo = _mm256_fmadd_pd(a, a, lo);
        hi = _mm256_fmadd_pd(b, b, hi);
    }
    double squares = horizontal_sum_pd(_mm256_add_pd(lo, hi));
    for (; j < width; j++) {
        const double c = (double)x[j] - mean;
        squares += c * c;
    }
    const float inv = (float)(1.0 / sqrt(squares / (double)width + (double)epsilon));
    const float mf = (float)mean;
    const __m256 vinv = _mm256_set1_ps(inv), vmf = _mm256_set1_ps(mf);
    for (j = 0; j + 8 <= width; j += 8) {
        __m256 v = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + j), vmf), vinv);
        if (weight) v = _mm256_mul_ps(v, _mm256_loadu_ps(weight + j));
        if (bias) v = _mm256_add_ps(v, _mm256_loadu_ps(bias + j));
        _mm256_storeu_ps(out + j, v);
    }
    for (; j < width; j++) {
        float v = (x[j] - mf) * inv;
        if (weight) v *= weight[j];
        if (bias) v += bias[j];
        out[j] = v;
    }
}

TARGET void reme_residual_layer_norm_avx2(float *row, const float *residual, const float *residual_bias, size_t width,
                                          const float *weight, const float *bias, float epsilon, const float *positions,
                                          float *positioned) {
    size_t j = 0;
    for (; j + 8 <= width; j += 8) {
        __m256 v = _mm256_add_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(residual + j));
        if (residual_bias) v = _mm256_add_ps(v, _mm256_loadu_ps(residual_bias + j));
        _mm256_storeu_ps(row + j, v);
    }
    for (; j < width; j++) row[j] = row[j] + residual[j] + (residual_bias ? residual_bias[j] : 0.0f);
    reme_layer_norm_avx2(row, row, width, weight, bias, epsilon);
    for (j = 0; j + 8 <= width; j += 8) {
        _mm256_storeu_ps(positioned + j, _mm256_add_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(positions + j)));
    }
    for (; j < width; j++) positioned[j] = row[j] + positions[j];
}

TARGET void reme_softmax_short_rows_avx2(float *values, size_t rows, size_t count, float scale) {
    if (count == 0 || count > 8) return;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lanes);
    const __m256 inside = _mm256_castsi256_ps(mask);
    const __m256 vscale = _mm256_set1_ps(scale), minus_infinity = _mm256_set1_ps(-INFINITY);
    for (size_t r = 0; r < rows; r++) {
        float *row = values + r * count;
        const __m256 v = _mm256_blendv_ps(minus_infinity, _mm256_mul_ps(_mm256_maskload_ps(row, mask), vscale), inside);
        const float m = horizontal_max(v);
        if (m == -INFINITY) {
            _mm256_maskstore_ps(row, mask, _mm256_set1_ps(1.0f / (float)count));
            continue;
        }
        const __m256 e = _mm256_and_ps(exp8(_mm256_sub_ps(v, _mm256_set1_ps(m))), inside);
        const __m256 inv = _mm256_set1_ps(1.0f / horizontal_sum(e));
        _mm256_maskstore_ps(row, mask, _mm256_mul_ps(e, inv));
    }
}

#else

int reme_has_avx2_fma(void) { return 0; }
void reme_softmax_avx2(float *row, size_t count, float scale) { (void)row; (void)count; (void)scale; }
void reme_gelu_avx2(float *values, size_t count) { (void)values; (void)count; }
void reme_layer_norm_avx2(const float *x, float *out, size_t width, const float *weight, const float *bias,
                          float epsilon) {
    (void)x; (void)out; (void)width; (void)weight; (void)bias; (void)epsilon;
}
void reme_residual_layer_norm_avx2(float *row, const float *residual, const float *residual_bias, size_t width,
                                   const float *weight, const float *bias, float epsilon, const float *positions,
                                   float *positioned) {
    (void)row; (void)residual; (void)residual_bias; (void)width; (void)weight; (void)bias; (void)epsilon;
    (void)positions; (void)positioned;
}
void reme_softmax_short_rows_avx2(float *values, size_t rows, size_t count, float scale) {
    (void)values; (void)rows; (void)count; (void)scale;
}

#endif
