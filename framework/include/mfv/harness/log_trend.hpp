// Does a per-member quantity grow with N? (The Gronwall rate C2 and the commutator ratio of
// the theorems are N-independent constants.) The mean over members at each N is fitted
// against log N by least squares; the slope's interval is the hull of a bootstrap interval
// (members resampled within each N, bootstrap.hpp) and the Student interval from the
// scatter of the means about the line (line_fit.hpp), as the rate harness does. Reading:
//   bounded       the growth the interval allows over the window, hi (log N_max - log N_min),
//                 is at most `tolerance` times the largest mean (or every value is 0);
//   growing       the interval lies above 0;
//   inconclusive  otherwise, or fewer than three N with two members each.
#pragma once
#include <mfv/harness/interval.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfv::harness {

enum class trend_outcome { bounded, growing, inconclusive };
std::string_view to_string(trend_outcome g);
std::ostream& operator<<(std::ostream& os, trend_outcome g);

struct values_at_n {
    std::uint64_t N = 0;
    std::vector<double> values;  // one per member that finished
};

struct log_trend {
    std::optional<double> slope;
    std::optional<interval> slope_interval;
    double largest_mean = 0.0;
    trend_outcome outcome = trend_outcome::inconclusive;
    std::string reason;
};

// `what` names the quantity in the reason ("mean C2").
log_trend fit_log_trend(const std::vector<values_at_n>& data, const std::string& what, std::size_t replicates,
                        std::uint64_t seed, double level, double tolerance);

}  // namespace mfv::harness
