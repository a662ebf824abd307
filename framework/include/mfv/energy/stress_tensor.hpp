// The commutator written through the stress-energy tensor (the talk's slide "Stress-energy
// tensor"; reference/electric.md 5, signs and constant derived there). For Coulomb on the
// torus T^d (-Lap G = c_d (delta - 1)), f smooth with mean zero, h = G * f (-Lap h = c_d f):
//   [grad h]_ab = 2 d_a h d_b h - |grad h|^2 delta_ab,    div [grad h] = 2 Lap h grad h = -2 c_d f grad h,
//   iint (v(x) - v(y)).grad G(x - y) f(x) f(y) dx dy = 2 int f v.grad h = (1/c_d) int Dv : [grad h],
// with Dv : T = sum_ab d_b v_a T_ab.
// tensor_commutator computes the right side pseudo-spectrally on an n^d grid (FFTW3): f^ and
// v^ by real-to-complex FFTs, the derivatives in Fourier space (the Nyquist modes dropped), the
// products on the grid, the integral as the grid mean. For trigonometric polynomials of
// band B (f, v) the result is exact to rounding once n > 3 B (the integrand has band 3 B);
// for smooth f, v it converges spectrally in n.
#pragma once
#include <mfv/kernel/riesz_kernel.hpp>

#include <vector>

namespace mfv::energy {

// f: n^d grid values f(i/n) (row-major, index a <-> coordinate a, the last fastest); its mean
// (k = 0 mode) is removed. v: d arrays of the same layout, v[a] = component a. g Coulomb,
// d = 2 (log) or 3. Throws mfv::input_error on a size mismatch or another kernel.
double tensor_commutator(const kernel::riesz_kernel& g, int n, const std::vector<double>& f,
                         const std::vector<std::vector<double>>& v);

// The stress-energy tensor of h = G * f on the grid: T[a * d + b] holds [grad h]_ab at every
// node (same layout as f).
std::vector<std::vector<double>> stress_tensor(const kernel::riesz_kernel& g, int n, const std::vector<double>& f);

}  // namespace mfv::energy
