// The rules of a study that depend on where the particles live (MATH.md section 6 for the
// torus) and on the evaluator and law it names: checks a JSON Schema cannot say. Each throws
// mfv::input_error whose message starts with the JSON path of the offending field.
#pragma once
#include <mfv/study/study.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace mfv::study {

// A number as a message shows it (the stream's default precision).
inline std::string show(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// The torus takes its own laws, references and evaluators; the whole space refuses them.
void check_domain(const nlohmann::json& j, const study& st);
// The tree evaluator's accuracy range, and an adaptive rtol it can follow.
void check_tree(const study& st);
// A whole-space law's keys and the (d, s) it needs.
void check_law(const nlohmann::json& law, int d, double s);

}  // namespace mfv::study
