// The cut-offs of the plain Ewald sum (ewald.hpp, MATH.md section 6), private to ewald.cpp and
// implemented with ewald_plan::real_cutoff_for in ewald_cutoffs.cpp: the truncation level, the
// lattice images within r_cut, and the Fourier cut-off's tail rule.
#pragma once
#include <mfv/interaction/ewald_split.hpp>

#include <array>
#include <vector>

namespace mfv::interaction::ewald_detail {

// The truncation level of the cut-offs is the promised accuracy times this margin. The
// cut-off rules bound single neglected terms (real space) or their random-phase sum
// (Fourier space, fourier_cutoff below) relative to the kernel's size, not the errors of
// every configuration; measured errors reach 0.55 of the level (N = 20 to 300, d = 1..3,
// s from 0 to d - 0.02, unit and signed charges, r_cut from 0.15 to 0.8), that is 1/18 of
// the promise.
inline constexpr double truncation_margin = 0.1;

// The lattice vectors n with |y + n| < r_cut for some y in [-1/2, 1/2]^d, n = 0 first.
std::vector<std::array<int, 3>> image_vectors(int d, double r_cut);

// The Fourier cut-off for truncation level eps and real cut-off r_cut: k_cut (that of
// ewald_parameters) raised, if needed, until the neglected terms, added with random phases,
// stay below eps of the kernel over the band beyond r_cut (the rule is in ewald_cutoffs.cpp).
double fourier_cutoff(const ewald_split& split, double eps, double r_cut, double k_cut);

}  // namespace mfv::interaction::ewald_detail
