#include <mfv/core/random_stream.hpp>

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>

namespace mfv {

namespace {
using philox = r123::Philox4x64;

// One Philox block: 4 x 64 random bits at block index b of the stream.
philox::ctr_type block(std::uint64_t k0, std::uint64_t k1, std::uint64_t member, std::uint64_t purpose,
                       std::uint64_t b) {
    philox rng;
    philox::key_type key = {{k0, k1}};
    philox::ctr_type ctr = {{member, purpose, b, 0}};
    return rng(ctr, key);
}
}  // namespace

random_stream::random_stream(std::uint64_t seed, std::uint64_t n, std::uint64_t member, stream_purpose purpose)
    : key0_(seed), key1_(n), member_(member), purpose_(static_cast<std::uint64_t>(purpose)) {}

void random_stream::uniform(std::uint64_t first, std::span<double> out) const {
    // One Philox block serves the (up to) four positions 4b..4b+3 that fall in the range.
    std::size_t k = 0;
    while (k < out.size()) {
        const std::uint64_t j = first + k;
        const auto r = block(key0_, key1_, member_, purpose_, j / 4);
        for (std::uint64_t w = j % 4; w < 4 && k < out.size(); ++w, ++k) {
            // u01 maps to (0, 1]: never 0, so log(u) and inverse CDFs stay finite.
            out[k] = r123::u01<double>(r.v[w]);
        }
    }
}

void random_stream::normal(std::uint64_t first, std::span<double> out) const {
    // Position j uses the pair of 64-bit words (2*(j/2) mod 4, +1) of block j/4: boxmuller
    // gives two normals from two words, so one block serves positions 4b..4b+3.
    std::size_t k = 0;
    while (k < out.size()) {
        const std::uint64_t j = first + k;
        const auto r = block(key0_, key1_, member_, purpose_ | (1ull << 32), j / 4);
        const auto lo = r123::boxmuller(r.v[0], r.v[1]);
        const auto hi = r123::boxmuller(r.v[2], r.v[3]);
        const double z[4] = {lo.x, lo.y, hi.x, hi.y};
        for (std::uint64_t w = j % 4; w < 4 && k < out.size(); ++w, ++k) out[k] = z[w];
    }
}

double random_stream::next_uniform() {
    double u;
    uniform(pos_++, std::span<double>(&u, 1));
    return u;
}

double random_stream::next_normal() {
    double z;
    normal(pos_++, std::span<double>(&z, 1));
    return z;
}

}  // namespace mfv
