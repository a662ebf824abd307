// Numbers into a harness's JSON: every one goes through finite(), since nlohmann/json would
// write a NaN or an infinity as null (results.json holds no null).
#pragma once
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace mfv::harness::detail {

// Throws std::domain_error "<harness> harness JSON: <key> is not finite".
inline double finite(double x, const std::string& harness, const std::string& key) {
    if (!std::isfinite(x)) throw std::domain_error(harness + " harness JSON: " + key + " is not finite");
    return x;
}

inline nlohmann::json finite_array(const std::vector<double>& v, const std::string& harness, const std::string& key) {
    nlohmann::json a = nlohmann::json::array();
    for (double x : v) a.push_back(finite(x, harness, key));
    return a;
}

}  // namespace mfv::harness::detail
