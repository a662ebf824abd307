// Nonparametric bootstrap of the mean of one N's ensemble members.
//
// Replicate b draws M members with replacement from the M values v_0..v_{M-1} and returns
// their mean. Draw j of replicate b uses the uniform u = U(seed, N, b, j) in (0, 1] of the
// counter-based stream random_stream(seed, N, b, stream_purpose::bootstrap) at position j,
// and picks member ceil(u M) - 1. The replicates are therefore a pure function of
// (seed, N, values): each N is resampled independently, reproducibly, in any order.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace mfv::harness {

// The arithmetic mean (1/M) sum_m v_m.
double mean_of(std::span<const double> values);

// `replicates` bootstrap means of `values` (non-empty), in replicate order b = 0, 1, ...
std::vector<double> bootstrap_means(std::span<const double> values, std::uint64_t seed, std::uint64_t n,
                                    std::size_t replicates);

}  // namespace mfv::harness
