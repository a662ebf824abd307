#include <mfv/harness/member_series.hpp>

#include <mfv/core/error.hpp>

#include <cmath>

namespace mfv::harness {

void check_member_series(const member_series& s, const std::string& where) {
    if (s.members.empty()) throw input_error(where + ": no member");
    if (s.times.empty()) throw input_error(where + ": no output time");
    for (std::size_t k = 0; k < s.times.size(); ++k) {
        if (!std::isfinite(s.times[k])) throw input_error(where + ": time " + std::to_string(k) + " is not finite");
        if (k > 0 && !(s.times[k] > s.times[k - 1])) {
            throw input_error(where + ": times are not strictly increasing (at index " + std::to_string(k) + ")");
        }
    }
    if (!s.ok.empty() && s.ok.size() != s.members.size()) {
        throw input_error(where + ": " + std::to_string(s.members.size()) + " members but " +
                          std::to_string(s.ok.size()) + " ok flags");
    }
    for (std::size_t m = 0; m < s.members.size(); ++m) {
        if (s.member_ok(m) && s.members[m].size() != s.times.size()) {
            throw input_error(where + ": member " + std::to_string(m) + " has " + std::to_string(s.members[m].size()) +
                              " values for " + std::to_string(s.times.size()) + " times");
        }
    }
}

}  // namespace mfv::harness
