// Numbers in reason sentences: three significant digits, as "-0.667", "1.2e-05", "8192".
#pragma once
#include <cstdio>
#include <string>

namespace mfv::harness::detail {

inline std::string number_text(double x, int digits = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    return buf;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict, PR 105651) on "literal" + string&&.
inline std::string interval_text(double lo, double hi) {
    std::string s = "[";
    s += number_text(lo);
    s += ", ";
    s += number_text(hi);
    s += "]";
    return s;
}

}  // namespace mfv::harness::detail
