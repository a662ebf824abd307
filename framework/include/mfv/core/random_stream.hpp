// Counter-based random numbers (Random123 Philox4x64), one stream per (seed, N, member).
//
// The value drawn at position j of a stream is a pure function of (seed, N, member,
// purpose, j): no state is shared between members, so results do not depend on how many
// threads or processes ran them, nor in which order. Normals come from Random123's
// boxmuller, never from std:: distributions (whose output differs between libraries).
#pragma once
#include <cstdint>
#include <span>

namespace mfv {

// What a stream is used for; distinct purposes never overlap.
enum class stream_purpose : std::uint64_t {
    initial_positions = 1,
    noise = 2,
    bootstrap = 3,
    jitter = 4,
    user = 5,
    // The sharpness probe's random directions (study/sharpness_probe.hpp).
    probe = 6,
    // The modulated Gibbs sampler (gibbs/gibbs_run.hpp): a chain's iid start, and its
    // proposals and acceptance tests.
    gibbs_start = 7,
    gibbs_chain = 8,
    // Its independence proposals: iteration k of chain c draws on member c * 2^40 + k.
    gibbs_independence = 9,
};

class random_stream {
public:
    random_stream(std::uint64_t seed, std::uint64_t n, std::uint64_t member, stream_purpose purpose);

    // Uniforms in (0, 1] and standard normals at positions [first, first + out.size()).
    void uniform(std::uint64_t first, std::span<double> out) const;
    void normal(std::uint64_t first, std::span<double> out) const;

    // Sequential convenience: draws from an internal position that advances.
    double next_uniform();
    double next_normal();
    std::uint64_t position() const { return pos_; }

private:
    std::uint64_t key0_, key1_, member_, purpose_;
    std::uint64_t pos_ = 0;
};

}  // namespace mfv
