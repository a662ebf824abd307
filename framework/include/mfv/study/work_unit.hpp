// A unit of work of a study (DESIGN.md, "The one flow of data"): one member at one N, with
// the study's tolerances, or with them tightened (study::tightened) for a rate harness's
// numerical error budget. A unit depends on nothing but the study, so it may run on any
// thread or process, in any order, or be read back from a checkpoint.
#pragma once
#include <compare>
#include <cstddef>
#include <string>

namespace mfv::study {

struct work_unit {
    std::size_t N = 0;
    std::size_t member = 0;
    bool tightened = false;

    auto operator<=>(const work_unit&) const = default;

    // "N = 4096, member 3" (", tightened" for a budget re-run): for messages and logs.
    std::string label() const {
        return "N = " + std::to_string(N) + ", member " + std::to_string(member) + (tightened ? ", tightened" : "");
    }
    // A file name that sorts in (N, member) order: "N00004096-m0003[-tightened]".
    std::string file_stem() const {
        std::string n = std::to_string(N), m = std::to_string(member);
        if (n.size() < 8) n.insert(0, 8 - n.size(), '0');
        if (m.size() < 4) m.insert(0, 4 - m.size(), '0');
        return "N" + n + "-m" + m + (tightened ? "-tightened" : "");
    }
};

}  // namespace mfv::study
