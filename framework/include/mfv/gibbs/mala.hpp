// Metropolis-adjusted Langevin algorithm (MALA) for the modulated Gibbs measure Q_beta
// (reference/gibbs.md section 4; Roberts and Tweedie, Bernoulli 2 (1996)):
//   proposal  Y = X + (eps^2/2) b(X) + eps Z,   Z ~ N(0, I_{dN}),   b ~ grad log q_beta (below),
//   accept with probability min(1, q_beta(Y) p(X | Y) / (q_beta(X) p(Y | X))),
//   p(Y | X) proportional to exp(-|Y - X - (eps^2/2) b(X)|^2 / (2 eps^2)).
// The drift is truncated particle by particle (MALTA, Roberts and Tweedie 1996, section
// 4.4): b_i = grad_i log q_beta is replaced by b_i / max(1, eps |b_i|), so that the drift
// moves no particle by more than eps/2. The kernel's gradient is singular at collisions
// (|b_i| ~ 1/(N |x_i - x_j|^(s+1))); untruncated, a proposal from a close pair overshoots by
// many periods, its reverse proposal has no chance and the chain sticks there for long
// stretches: measured on the torus (N = 2, beta = 1/2), the untruncated chain's mean of F_N
// was off by 5 of its own standard errors and tau_int reached 1000. The truncated drift is
// still a function of the state, and the proposal densities below use it, so the chain is
// an exact Metropolis-Hastings chain.
// A proposal outside the support of mu has q_beta = 0 and is rejected. On the torus the
// chain runs on the lift R^{dN} of the periodic target (positions are wrapped into [0,1)
// after each acceptance, the proposal densities use the unwrapped displacement): the lifted
// kernel commutes with integer shifts, so its projection keeps detailed balance on T^{dN}.
//
// The step eps is tuned during burn-in only, by a Robbins-Monro recursion on log eps toward
// the acceptance target (0.574 is optimal for MALA in high dimension, Roberts and Rosenthal,
// JRSS B 60 (1998)), then frozen: the sampling phase is a time-homogeneous Metropolis
// chain, so the recorded F_N are exact draws of that chain's law.
//
// Independence moves (optional, after every MALA step): a whole new configuration Y drawn
// iid from mu^N, accepted with probability min(1, exp(-beta N (F_N(Y) - F_N(X)))) (the
// Metropolis-Hastings ratio of the proposal mu^N for the target q_beta dmu^N). Both kernels
// leave Q_beta invariant, so their cycle does. They matter because all dN coordinates move
// together: the singular pair drift of the closest pairs (~N^2 a of them closer than a)
// limits the MALA step to eps ~ 1/N, and the long-wavelength modes of F_N then relax in
// ~N^2 iterations (tau_int of F_N 5 at N = 8, 111 at N = 32 on the torus at theta = 1),
// whereas exp(-beta N F_N) is an O(1) tilt of mu^N when beta N F_N has O(1) fluctuations
// (theta of order 1, reference/gibbs.md 4), and the independence move then decorrelates
// F_N in a few iterations at any N.
//
// Random numbers: iteration k uses the normals at positions [k d N, (k+1) d N) and the
// uniform at position k of the given stream: the chain is a function of (stream, start).
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/gibbs/modulated_gibbs.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace mfv::gibbs {

struct mala_settings {
    std::size_t burn_in = 1000;
    std::size_t samples = 4000;
    double acceptance_target = 0.574;
    double initial_step = 0.05;
    // The step is kept below this (the period 1 on the torus, a few radii of mu in R^d).
    double max_step = 1.0;
};

// Draws X ~ mu^N for the independence move of iteration k (a pure function of k).
using iid_draw = std::function<points(std::uint64_t k)>;

struct mala_chain {
    // F_N(X_k, mu) at every sampling iteration (rejections repeat the current value).
    std::vector<double> F_N;
    // Fraction of accepted MALA proposals during sampling.
    double acceptance_rate = 0.0;
    // Fraction of accepted independence proposals during sampling (NaN without them).
    double independence_acceptance = std::numeric_limits<double>::quiet_NaN();
    // Proposals rejected because a point left the support of mu (sampling phase).
    std::size_t out_of_support = 0;
    // The frozen step eps.
    double step = 0.0;
    // The final configuration.
    points last;
};

// Throws std::invalid_argument when beta < 0 or samples == 0, and mfv::run_error when the
// start is outside the support or F_N is not finite there.
// draw empty: MALA steps only.
mala_chain run_mala(modulated_gibbs& target, double beta, points start, const mala_settings& settings,
                    const random_stream& stream, const iid_draw& draw = {});

}  // namespace mfv::gibbs
