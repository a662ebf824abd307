// Eight-lane packs of doubles for the direct interaction kernels.
//
// The kernels of direct_kernels.hpp evaluate the pair terms of MATH.md section 0 eight
// pairs at a time and are written once against the interface below. Two backends provide it:
//   avx512   - AVX-512F/DQ intrinsics, compiled when __AVX512F__ is defined;
//   portable - plain loops over eight doubles, standard C++ that any compiler vectorises.
// Both use the same lanes, the same masks (bit l selects lane l) and the same reduction
// order. They differ only in the first guesses of rsqrt_estimate / rcp_estimate (14-bit
// hardware estimates against a bit-trick guess and an exact division), which simd_math.hpp
// refines to full precision, so their results agree to an ulp or two, not bitwise.
#pragma once
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#ifdef __AVX512F__
#include <immintrin.h>
#endif

// The kernels must be inlined into the row loops: a call per eight pairs would pass every
// polynomial constant again. GCC and Clang need to be told for the long ones (power, log).
#if defined(__GNUC__)
#define MFV_SIMD_INLINE inline __attribute__((always_inline))
#else
#define MFV_SIMD_INLINE inline
#endif

// Each loop of the portable pack is a loop over the eight lanes; ask for it to be vectorised
// (the library is built with OpenMP; without it the loops are still plain, correct C++).
#ifdef _OPENMP
#define MFV_SIMD_LOOP _Pragma("omp simd")
#else
#define MFV_SIMD_LOOP
#endif

namespace mfv::interaction::simd {

constexpr int width = 8;
using lane_mask = std::uint8_t;
constexpr lane_mask all_lanes = 0xff;

// The lanes of the portable pack, written without branches, library calls or int/double
// conversions, so that the compiler vectorises them: it will not vectorise std::sqrt or
// std::ldexp under the default -fmath-errno, nor evaluate a multiplication only on the lanes
// that need it (under -ftrapping-math), so every product is computed and then selected.

// a b + c with one rounding where the target has an FMA unit (where it has none, std::fma
// would be a slow library call, and a b + c costs at most one more ulp in the kernels).
inline double fma_lane(double a, double b, double c) {
#ifdef FP_FAST_FMA
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}

// The integer in the low mantissa bits of n + 1.5 2^52, for integral |n| < 2^51.
inline std::uint64_t integer_bits(double n) { return std::bit_cast<std::uint64_t>(n + 0x1.8p52); }

// x = m 2^k with m in [3/4, 3/2) for finite x > 0, subnormals included. Zero gives
// (k, m) = (-inf, 1), +inf gives (+inf, 1) and NaN gives NaN, as AVX-512 getexp/getmant do;
// log() then returns -inf, +inf and NaN.
inline void split_lane(double x, double& k, double& m) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const bool subnormal = x < 0x1p-1022;
    const double scaled = x * 0x1p54;
    const auto bits = std::bit_cast<std::uint64_t>(subnormal ? scaled : x);
    const double biased = std::bit_cast<double>((bits >> 52) | 0x4330000000000000ULL) - 0x1p52;
    const double mant = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
    const double half = 0.5 * mant;
    const bool upper = mant >= 1.5;
    const auto raw = std::bit_cast<std::uint64_t>(x);
    const bool zero = (raw << 1) == 0;
    const bool nonfinite = (raw & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL;
    const bool nan = nonfinite & ((raw & 0x000fffffffffffffULL) != 0);
    const double k_normal = biased - (subnormal ? 1077.0 : 1023.0) + (upper ? 1.0 : 0.0);
    k = zero ? -inf : (nonfinite ? x : k_normal);
    m = nan ? x : ((nonfinite | zero) ? 1.0 : (upper ? half : mant));
}

// 2^n for integral n in [-1022, 1023], from its bits.
inline double exp2_integer_lane(double n) { return std::bit_cast<double>((integer_bits(n) + 1023) << 52); }

// a 2^n for integral n, in steps of at most 1000 (each factor a normal number): n clamped to
// +-2200 (a is within a factor 2 of 1 here, so that is already 0 or +inf); NaN n gives NaN.
// Results below 2^-1022 may be rounded twice (by one subnormal ulp at most).
inline double clamp_lane(double v, double bound) { return v > bound ? bound : (v < -bound ? -bound : v); }

inline double scale2_lane(double a, double n) {
    const double c = clamp_lane(n, 2200.0);
    const double n1 = clamp_lane(c, 1000.0);
    const double n2 = clamp_lane(c - n1, 1000.0);
    const double scaled = a * exp2_integer_lane(n1) * exp2_integer_lane(n2);
    const double result = scaled * exp2_integer_lane(c - n1 - n2);
    return n != n ? n : result;
}

// 1/sqrt(x) within 5e-6 (enough for simd_math's refinement, which needs 2^-14): the
// exponent-halving first guess 0x5fe6eb50c7b537a9 - bits/2 (within 3.5%) and two Newton
// steps. x below 2^-1000 is scaled by 2^200 first, so that subnormals work; 0 gives +inf,
// +inf gives 0, NaN stays NaN.
inline double rsqrt_estimate_lane(double x) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const bool tiny = x < 0x1p-1000;
    const double up = x * 0x1p200;
    const double xs = tiny ? up : x;
    double y = std::bit_cast<double>(0x5fe6eb50c7b537a9ULL - (std::bit_cast<std::uint64_t>(xs) >> 1));
    y = y * (1.5 - 0.5 * xs * y * y);
    y = y * (1.5 - 0.5 * xs * y * y);
    const double down = y * 0x1p100;
    y = tiny ? down : y;
    return x == 0.0 ? inf : (x == inf ? 0.0 : (x != x ? x : y));
}

struct portable {
    struct reg {
        double v[width];
    };
    static constexpr const char* name = "portable";
    // No table lookup (a permute) in the lanes: simd_math's exp2 takes its polynomial form.
    static constexpr bool has_lookup16 = false;

    static reg broadcast(double a) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = a;
        return r;
    }
    static reg load(const double* p) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = p[l];
        return r;
    }
    // Lanes outside m read as 0 and their memory is never touched.
    static reg load(const double* p, lane_mask m) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = (m >> l) & 1 ? p[l] : 0.0;
        return r;
    }

    template <class F>
    static reg map(const reg& a, F f) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = f(a.v[l]);
        return r;
    }
    template <class F>
    static reg map(const reg& a, const reg& b, F f) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = f(a.v[l], b.v[l]);
        return r;
    }

    static reg add(const reg& a, const reg& b) { return map(a, b, [](double x, double y) { return x + y; }); }
    static reg sub(const reg& a, const reg& b) { return map(a, b, [](double x, double y) { return x - y; }); }
    static reg mul(const reg& a, const reg& b) { return map(a, b, [](double x, double y) { return x * y; }); }
    static reg div(const reg& a, const reg& b) { return map(a, b, [](double x, double y) { return x / y; }); }
    // a b + c and c - a b, each with one rounding.
    static reg fma(const reg& a, const reg& b, const reg& c) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = fma_lane(a.v[l], b.v[l], c.v[l]);
        return r;
    }
    static reg fnma(const reg& a, const reg& b, const reg& c) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = fma_lane(-a.v[l], b.v[l], c.v[l]);
        return r;
    }
    // min(a, b) and max(a, b) return b when either is NaN, as the AVX-512 instructions do.
    static reg min(const reg& a, const reg& b) {
        return map(a, b, [](double x, double y) { return x < y ? x : y; });
    }
    static reg max(const reg& a, const reg& b) {
        return map(a, b, [](double x, double y) { return x > y ? x : y; });
    }
    // a clamped to [-b, b] (b > 0); NaN stays NaN.
    static reg clamp(const reg& a, double b) { return max(broadcast(-b), min(broadcast(b), a)); }
    static reg round(const reg& a) { return map(a, [](double x) { return std::nearbyint(x); }); }
    static reg scale2(const reg& a, const reg& n) { return map(a, n, scale2_lane); }
    static void split(const reg& x, reg& k, reg& m) {
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) split_lane(x.v[l], k.v[l], m.v[l]);
    }
    static reg rsqrt_estimate(const reg& a) { return map(a, rsqrt_estimate_lane); }
    static reg rcp_estimate(const reg& a) { return map(a, [](double x) { return 1.0 / x; }); }

    // acc + t and acc - a b on the lanes of m; the other lanes keep acc (even if t is NaN).
    static reg masked_add(const reg& acc, lane_mask m, const reg& t) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) r.v[l] = acc.v[l] + ((m >> l) & 1u ? t.v[l] : 0.0);
        return r;
    }
    static reg masked_fnma(const reg& acc, lane_mask m, const reg& a, const reg& b) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) {
            const double updated = fma_lane(-a.v[l], b.v[l], acc.v[l]);
            r.v[l] = (m >> l) & 1u ? updated : acc.v[l];
        }
        return r;
    }
    static reg masked_min(const reg& acc, lane_mask m, const reg& t) {
        reg r;
        MFV_SIMD_LOOP
        for (int l = 0; l < width; ++l) {
            const bool take = ((m >> l) & 1u) & (t.v[l] < acc.v[l]);
            r.v[l] = take ? t.v[l] : acc.v[l];
        }
        return r;
    }

    // Fixed order: lanes (l, l+4), then (l, l+2), then (0, 1).
    static double reduce_add(const reg& a) {
        double h[4];
        for (int l = 0; l < 4; ++l) h[l] = a.v[l] + a.v[l + 4];
        return (h[0] + h[2]) + (h[1] + h[3]);
    }
    static double reduce_min(const reg& a) {
        double r = a.v[0];
        for (int l = 1; l < width; ++l) r = a.v[l] < r ? a.v[l] : r;
        return r;
    }
};

#ifdef __AVX512F__
// The maskz_ forms with all lanes set are the plain instructions; they avoid GCC 12's
// spurious -Wmaybe-uninitialized on the unmasked intrinsics (_mm512_undefined_pd).
struct avx512 {
    using reg = __m512d;
    static constexpr const char* name = "avx512";
    static constexpr bool has_lookup16 = true;

    static reg broadcast(double a) { return _mm512_set1_pd(a); }
    static reg load(const double* p) { return _mm512_loadu_pd(p); }
    static reg load(const double* p, lane_mask m) { return _mm512_maskz_loadu_pd(m, p); }

    static reg add(reg a, reg b) { return _mm512_add_pd(a, b); }
    static reg sub(reg a, reg b) { return _mm512_sub_pd(a, b); }
    static reg mul(reg a, reg b) { return _mm512_mul_pd(a, b); }
    static reg div(reg a, reg b) { return _mm512_div_pd(a, b); }
    static reg fma(reg a, reg b, reg c) { return _mm512_fmadd_pd(a, b, c); }
    static reg fnma(reg a, reg b, reg c) { return _mm512_fnmadd_pd(a, b, c); }
    static reg min(reg a, reg b) { return _mm512_maskz_min_pd(all_lanes, a, b); }
    static reg max(reg a, reg b) { return _mm512_maskz_max_pd(all_lanes, a, b); }
    // a clamped to [-b, b] (b > 0) in one instruction: the smaller magnitude, a's sign.
    static reg clamp(reg a, double b) { return _mm512_maskz_range_pd(all_lanes, a, _mm512_set1_pd(b), 0x2); }
    // a - round(a), round to nearest even (exact).
    static reg reduce_round(reg a) {
        return _mm512_maskz_reduce_pd(all_lanes, a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    }
    static reg round(reg a) {
        return _mm512_maskz_roundscale_pd(all_lanes, a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    }
    static reg scale2(reg a, reg n) { return _mm512_maskz_scalef_pd(all_lanes, a, n); }
    // a 2^floor(b) (scalef floors b).
    static reg scale2_floor(reg a, reg b) { return _mm512_maskz_scalef_pd(all_lanes, a, b); }
    // tab[j], j the low four bits of each lane's bit pattern (a two-table permute).
    static reg lookup16(reg t, const double* tab) {
        return _mm512_permutex2var_pd(_mm512_loadu_pd(tab), _mm512_castpd_si512(t), _mm512_loadu_pd(tab + 8));
    }
    static void split(reg x, reg& k, reg& m) {
        m = _mm512_maskz_getmant_pd(all_lanes, x, _MM_MANT_NORM_p75_1p5, _MM_MANT_SIGN_src);
        k = _mm512_sub_pd(_mm512_maskz_getexp_pd(all_lanes, x), _mm512_maskz_getexp_pd(all_lanes, m));
    }
    static reg rsqrt_estimate(reg a) { return _mm512_maskz_rsqrt14_pd(all_lanes, a); }
    static reg rcp_estimate(reg a) { return _mm512_maskz_rcp14_pd(all_lanes, a); }

    static reg masked_add(reg acc, lane_mask m, reg t) { return _mm512_mask_add_pd(acc, m, acc, t); }
    static reg masked_fnma(reg acc, lane_mask m, reg a, reg b) {
        return _mm512_mask3_fnmadd_pd(a, b, acc, m);
    }
    static reg masked_min(reg acc, lane_mask m, reg t) {
        return _mm512_mask_mov_pd(acc, _mm512_mask_cmp_pd_mask(m, t, acc, _CMP_LT_OQ), t);
    }

    static __m256d low_half(reg a) { return _mm512_maskz_extractf64x4_pd(all_lanes, a, 0); }
    static __m256d high_half(reg a) { return _mm512_maskz_extractf64x4_pd(all_lanes, a, 1); }
    static double reduce_add(reg a) {
        const __m256d h = _mm256_add_pd(low_half(a), high_half(a));
        const __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
        return _mm_cvtsd_f64(q) + _mm_cvtsd_f64(_mm_unpackhi_pd(q, q));
    }
    static double reduce_min(reg a) {
        const __m256d h = _mm256_min_pd(low_half(a), high_half(a));
        const __m128d q = _mm_min_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
        return std::min(_mm_cvtsd_f64(q), _mm_cvtsd_f64(_mm_unpackhi_pd(q, q)));
    }
};
using best = avx512;
#else
using best = portable;
#endif

}  // namespace mfv::interaction::simd
