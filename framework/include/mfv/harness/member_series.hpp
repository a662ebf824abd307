// The time series of one observable for the members of one ensemble (one N): the input of
// the time-dependent harnesses (decay_fit.hpp, uniform_in_time.hpp).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mfv::harness {

// Member m's series is members[m][k] at times[k]. ok[m] == false marks a failed member, which
// is excluded and counted (its series may be of any length, e.g. cut at the failure); an
// empty `ok` means every member succeeded.
struct member_series {
    std::vector<double> times;
    std::vector<std::vector<double>> members;
    std::vector<bool> ok;

    bool member_ok(std::size_t m) const { return ok.empty() || ok[m]; }
};

// The members' series at one N.
struct series_at_n {
    std::uint64_t N = 0;
    member_series series;
};

// Throws mfv::input_error, prefixed by `where`, for no member, times empty, not finite or not
// strictly increasing, an `ok` whose size differs from the members', or an ok member whose
// series length differs from the times'.
void check_member_series(const member_series& s, const std::string& where);

}  // namespace mfv::harness
