// Full-precision elementary functions on eight-lane packs (simd.hpp), for the pair terms
// of MATH.md section 0: 1/sqrt(r^2), 1/r^2, log(r^2) and (r^2)^(-s/2) = r^(-s).
//
// No scalar pow, no library call: each function is a handful of fused multiply-adds that
// runs on either backend. Largest errors relative to the exact value, measured against long
// double in interaction_test.cpp over x log-uniform in [1e-300, 1e300] and uniform in
// [1/2, 2] (eps = 2^-52): rsqrt 0.63 eps, reciprocal 0.50 eps, log 0.89 eps (relative to
// log x also as x -> 1), exp2 0.61 eps (portable; 0.95 eps with the AVX-512 table form);
// power 0.68 (portable; 0.92 AVX-512) of its bound (1 + ln2 |a log2 x|) eps.
#pragma once
#include <mfv/interaction/simd.hpp>

namespace mfv::interaction::simd {

// 1/sqrt(x) from a 14-bit estimate y0 (|y0 sqrt(x) - 1| < 2^-14) in one third-order step:
// with e = 1 - x y0^2, 1/sqrt(x) = y0 (1 - e)^(-1/2) = y0 (1 + e/2 + 3e^2/8 + 5e^3/16 + ...).
// |e| < 2^-13, so the dropped term (35/128) e^4 is below 2^-53. The correction is added as
// y0 + y0 p(e), which keeps the bits of y0, not as y0 (1.5 - 0.5 x y0^2), which loses them.
template <class P>
MFV_SIMD_INLINE typename P::reg rsqrt(typename P::reg x) {
    const auto y0 = P::rsqrt_estimate(x);
    const auto e = P::fnma(P::mul(x, y0), y0, P::broadcast(1.0));
    auto p = P::fma(e, P::broadcast(5.0 / 16.0), P::broadcast(3.0 / 8.0));
    p = P::fma(p, e, P::broadcast(0.5));
    return P::fma(y0, P::mul(p, e), y0);
}

// 1/x from a 14-bit estimate y0: with e = 1 - x y0 (one rounding), 1/x = y0 / (1 - e)
// = y0 (1 + e + e^2 + e^3 + ...); |e| < 2^-14, so the dropped e^4 is below 2^-56.
template <class P>
MFV_SIMD_INLINE typename P::reg reciprocal(typename P::reg x) {
    const auto y0 = P::rcp_estimate(x);
    const auto e = P::fnma(x, y0, P::broadcast(1.0));
    const auto p = P::fma(e, P::fma(e, e, e), e);
    return P::fma(y0, p, y0);
}

// The reduction of log and power, after fdlibm's e_log.c (Sun Microsystems 1993), without
// branches. With x = m 2^k, m in [3/4, 3/2) (AVX-512 getmant's interval), f = m - 1 (exact),
// t = f / (m + 1) and z = t^2 <= 1/25: log(m) = 2 atanh(t) = f - t (f - R(z)), R(z) =
// 2 (atanh(t)/t - 1) = z pz(z) with pz a degree-6 Chebyshev fit on [0, 1/25] (mpmath, 60
// digits; |R error| < 1.2e-16, so below 2.3e-17 in log m). Zero and +inf give k = -inf, +inf.
template <class P>
struct log_parts {
    typename P::reg k, f, t, z, pz;
};

template <class P>
MFV_SIMD_INLINE log_parts<P> log_reduce(typename P::reg x) {
    log_parts<P> a;
    typename P::reg m;
    P::split(x, a.k, m);
    a.f = P::sub(m, P::broadcast(1.0));
    a.t = P::div(a.f, P::add(m, P::broadcast(1.0)));
    a.z = P::mul(a.t, a.t);
    auto p = P::fma(a.z, P::broadcast(0x1.358839187b0f4p-3), P::broadcast(0x1.39054975659e0p-3));
    p = P::fma(a.z, p, P::broadcast(0x1.746b9ed43f9f0p-3));
    p = P::fma(a.z, p, P::broadcast(0x1.c71c3d5b0214ap-3));
    p = P::fma(a.z, p, P::broadcast(0x1.249249517a1ffp-2));
    p = P::fma(a.z, p, P::broadcast(0x1.999999997ccdbp-2));
    a.pz = P::fma(a.z, p, P::broadcast(0x1.555555555556dp-1));
    return a;
}

// Natural log in fdlibm's careful form: with hfsq = f^2/2 and R = z pz,
// log(x) = k ln2_hi - ((hfsq - (t (hfsq + R) + k ln2_lo)) - f), k ln2_hi exact. f enters
// exactly, so the error (<= 1 ulp) stays relative to log(x) even as x -> 1.
// log(0) = -inf, log(+inf) = +inf, NaN stays NaN.
template <class P>
MFV_SIMD_INLINE typename P::reg log(typename P::reg x) {
    const auto a = log_reduce<P>(x);
    const auto hfsq = P::mul(P::mul(a.f, a.f), P::broadcast(0.5));
    const auto tail = P::mul(a.t, P::fma(a.z, a.pz, hfsq));
    const auto low = P::fma(a.k, P::broadcast(1.90821492927058770002e-10), tail);
    const auto rest = P::sub(P::sub(hfsq, low), a.f);
    return P::sub(P::mul(a.k, P::broadcast(6.93147180369123816490e-01)), rest);
}

// 2^(j/16), j = 0..15, rounded to double (mpmath, 50 digits).
inline constexpr double exp2_table[16] = {
    0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
    0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
    0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
    0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0};

// The polynomial form (backends without a lane permute): 2^y for |y| < 2^51 (overflow gives +inf, underflow 0 through the subnormals; +-inf and
// NaN give NaN). y = n + r, n = round(y), |r| <= 1/2 and r = y - n exact; 2^r is the degree-11
// polynomial 1 + r (c1 + r q(r)), c1 = ln2 rounded to double and q a degree-9 Chebyshev fit
// of (2^r - 1 - c1 r)/r^2 (relative error < 4e-17, computed with mpmath at 50 digits), in
// Horner's form (fewest operations: the kernels are bound by the FMA units, not by
// latency). Then 2^n is applied exactly (scalef / ldexp).
template <class P>
MFV_SIMD_INLINE typename P::reg exp2_poly(typename P::reg y) {
    const auto n = P::round(y);
    const auto r = P::sub(y, n);
    auto q = P::fma(P::broadcast(0x1.f71a2ca6e7e96p-32), r, P::broadcast(0x1.e5e9f548e5725p-28));
    q = P::fma(q, r, P::broadcast(0x1.b51cad8709e42p-24));
    q = P::fma(q, r, P::broadcast(0x1.62bfe46117445p-20));
    q = P::fma(q, r, P::broadcast(0x1.ffcc0009c0969p-17));
    q = P::fma(q, r, P::broadcast(0x1.4309130378460p-13));
    q = P::fma(q, r, P::broadcast(0x1.5d87fe77fec17p-10));
    q = P::fma(q, r, P::broadcast(0x1.3b2ab6fba385fp-7));
    q = P::fma(q, r, P::broadcast(0x1.c6b08d704a35cp-5));
    q = P::fma(q, r, P::broadcast(0x1.ebfbdff82c590p-3));
    const auto p = P::fma(P::fma(q, r, P::broadcast(0x1.62e42fefa39efp-1)), r, P::broadcast(1.0));
    return P::scale2(p, n);
}

// 2^(Y/16), the form power() calls (it folds the 16 into its constants); for |Y| < 2^51,
// overflow gives +inf, underflow 0 through the subnormals, NaN gives NaN.
// With a lane permute (AVX-512): t = Y + 1.5 2^52 rounds Y to the integer k (to nearest
// even), whose low four bits j = k mod 16 sit in the low mantissa bits of t; R = Y - k
// (exact, one reduce instruction), |R| <= 1/2, r = R/16. Then 2^(Y/16) = 2^floor(k/16)
// T[j] 2^r, T[j] = 2^(j/16) rounded (a permute), 2^r - 1 = r (c1 + r q(r)), c1 = ln2
// rounded, q a degree-4 Chebyshev fit of (2^r - 1 - c1 r)/r^2 on [-1/32, 1/32] (mpmath, 60
// digits; 2^r within 2.9e-17 = 0.13 eps relative), its coefficients scaled by powers of 2 to
// take R (exact: the same bits as in r); the result T + T (2^r - 1) is scaled by scalef with
// k/16 = t/16 - 1.5 2^48 (exact), which applies 2^floor(k/16). Error: 1/2 ulp from T, 1/2
// from the last rounding, 0.13 eps from q: about 1 eps. 12 instructions against 14.
// Without a permute, exp2_poly(Y/16).
template <class P>
MFV_SIMD_INLINE typename P::reg exp2_16(typename P::reg Y) {
    if constexpr (P::has_lookup16) {
        const auto t = P::add(Y, P::broadcast(0x1.8p52));
        const auto R = P::reduce_round(Y);
        auto q = P::fma(P::broadcast(0x1.4309f0b0cd9d6p-37), R, P::broadcast(0x1.5d893d0271a9ap-30));
        q = P::fma(q, R, P::broadcast(0x1.3b2ab6fb6d795p-23));
        q = P::fma(q, R, P::broadcast(0x1.c6b08d6fad738p-17));
        q = P::fma(q, R, P::broadcast(0x1.ebfbdff82c58fp-11));
        const auto em1 = P::mul(P::fma(q, R, P::broadcast(0x1.62e42fefa39efp-5)), R);
        const auto T = P::lookup16(t, exp2_table);
        return P::scale2_floor(P::fma(T, em1, T), P::fma(t, P::broadcast(0.0625), P::broadcast(-0x1.8p48)));
    } else {
        return exp2_poly<P>(P::mul(Y, P::broadcast(0.0625)));
    }
}

// 2^y for |y| < 2^47, as exp2_16(16 y) (16 y exact).
template <class P>
MFV_SIMD_INLINE typename P::reg exp2(typename P::reg y) {
    return exp2_16<P>(P::mul(y, P::broadcast(16.0)));
}

// x^a = 2^(a log2 x) for x >= 0 and a fixed exponent: a log2 x = a k + (a / ln2) log(m) with
// fdlibm's short form log(m) = f - t (f - z pz), whose absolute error (< 1e-16) is all that
// matters here: exp2 turns it into a relative error ln2 times as large. So x^a has a
// relative error of about (1 + ln2 |a log2 x|) eps, the second term from rounding
// a log2 x itself. k is clamped to +-1e5 so that x = 0 and x = +inf give 2^(-+1e5 a):
// +inf and 0 for a < 0 (one range instruction on AVX-512). NaN stays NaN. The 16 of
// exp2_16 is folded into the two constants (a power of 2: the same bits as 16 y).
template <class P>
MFV_SIMD_INLINE typename P::reg power(typename P::reg x, double a) {
    const auto r = log_reduce<P>(x);
    const auto k = P::clamp(r.k, 1e5);
    const auto log_m = P::fnma(r.t, P::fnma(r.z, r.pz, r.f), r.f);
    const auto y16 = P::fma(log_m, P::broadcast(16.0 * a * 0x1.71547652b82fep+0), P::mul(k, P::broadcast(16.0 * a)));
    return exp2_16<P>(y16);
}

}  // namespace mfv::interaction::simd
