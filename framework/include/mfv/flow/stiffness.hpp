// The stability limit of an explicit fixed step (rk4, Euler–Maruyama) for a gradient flow.
//
// Near a configuration x the drift b(x) = -(1/N) grad H_N has the Jacobian
// Db = -(1/N) Hess H_N, symmetric and, near a well-spread configuration, negative
// semi-definite. An explicit step h is stable on the mode of eigenvalue -lambda only if
// h lambda stays inside the method's stability interval: 2 for Euler–Maruyama, 2.785 for
// classic RK4. For Riesz kernels with s > d - 2 the stiffest particle mode decays at a rate
// that grows like N^((s+2)/d - 1) (the lattice's shortest wavelength), so a step that is
// fine at small N silently produces noise at large N; this check turns that into an error.
//
// lambda is estimated by power iteration on Db, with Jacobian-vector products by centred
// differences of the drift. Power iteration approaches |lambda|_max from below, so
// a reported violation is real (no false alarm); a pass is a statement about x only (a
// later close pair is watched by the separation guard, not by this check).
#pragma once
#include <mfv/flow/integrate.hpp>

#include <cstddef>

namespace mfv::flow {

// |lambda|_max of the drift's Jacobian at x (power iteration, `iterations` products).
double stiffest_rate(const system_fn& drift, const state& x, int iterations = 30);

// The largest stable h lambda of a fixed-step method: 2 (euler_maruyama), 2.785 (rk4);
// infinity for the adaptive dopri5 (its controller shortens the step).
double stability_interval(const std::string& method);

}  // namespace mfv::flow
