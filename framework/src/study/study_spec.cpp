#include <mfv/study/study.hpp>

#include <mfv/core/error.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/sampling/points_csv.hpp>
#include <mfv/study/schema_check.hpp>

#include <fstream>
#include <sstream>

namespace mfv::schema_data {
extern const char* const study_schema;
}

namespace mfv::study {

using nlohmann::json;

const std::string& study_schema_text() {
    static const std::string text = schema_data::study_schema;
    return text;
}

std::vector<double> study::output_times() const {
    std::vector<double> t(outputs);
    for (std::size_t k = 0; k < outputs; ++k) {
        t[k] = outputs == 1 ? 0.0 : T * static_cast<double>(k) / static_cast<double>(outputs - 1);
    }
    return t;
}

namespace {

std::string show(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// Fill every default so the normalised study says exactly what runs.
void fill_defaults(json& j) {
    auto& m = j["model"];
    if (!m.contains("flow")) m["flow"] = "gradient";
    if (!m.contains("theta")) m["theta"] = 0.0;
    if (!m.contains("domain")) m["domain"] = "whole_space";
    auto& law = j["initial"]["law"];
    const std::string type = law["type"];
    if (type == "gaussian") {
        if (!law.contains("sigma")) law["sigma"] = 1.0;
    } else if (!law.contains("radius")) {
        law["radius"] = 1.0;
    }
    if (!j["initial"].contains("sampling")) j["initial"]["sampling"] = "iid";
    if (!j.contains("question")) j["question"] = "";
    if (!j.contains("reference")) j["reference"] = json::object();
    if (!j["reference"].contains("type")) j["reference"]["type"] = "exact";
    auto& e = j["ensemble"];
    if (!e.contains("members")) e["members"] = 1;
    if (!e.contains("seed")) e["seed"] = 1;
    auto& t = j["time"];
    if (!t.contains("T")) t["T"] = 1.0;
    if (!t.contains("outputs")) t["outputs"] = t["T"].get<double>() > 0.0 ? 11 : 1;
    auto& in = j["integrator"];
    const bool noisy = m["theta"].get<double>() > 0.0;
    if (!in.contains("method")) in["method"] = noisy ? "euler_maruyama" : "dopri5";
    // Only the settings a method uses are filled in, so results.json claims nothing that
    // had no effect: tolerances for dopri5, the step for the fixed-step methods.
    if (in["method"] == "dopri5") {
        if (!in.contains("rtol")) in["rtol"] = 1e-8;
        if (!in.contains("atol")) in["atol"] = 1e-10;
    } else if (!in.contains("dt")) {
        in["dt"] = 1e-3;
    }
    if (!in.contains("min_separation")) in["min_separation"] = 1e-12;
    auto& ia = j["interaction"];
    if (!ia.contains("method")) ia["method"] = "auto";
    if (!ia.contains("accuracy")) ia["accuracy"] = 1e-12;
    if (!j.contains("observables")) j["observables"] = json::array({"modulated_energy", "min_distance"});
    if (!j.contains("harnesses")) j["harnesses"] = json::array();
    for (auto& h : j["harnesses"]) {
        if (!h.contains("observable")) h["observable"] = "modulated_energy";
        if (!h.contains("statistic")) h["statistic"] = "sup_abs";
        if (!h.contains("max_interval_width")) h["max_interval_width"] = 0.5;
        if (!h.contains("bootstrap")) h["bootstrap"] = 2000;
        if (!h.contains("error_budget")) h["error_budget"] = true;
    }
}

void check_law(const json& law, int d, double s) {
    const std::string type = law["type"];
    if (type == "gaussian" && law.contains("radius")) {
        throw input_error("/initial/law/radius does not apply to a gaussian law (use sigma)");
    }
    if (type != "gaussian" && law.contains("sigma")) {
        throw input_error("/initial/law/sigma does not apply to a " + type + " law (use radius)");
    }
    if (type == "semicircle" && d != 1) {
        throw input_error("/initial/law/type \"semicircle\" needs d = 1, not d = " + std::to_string(d));
    }
    if (type == "barenblatt" && !(s >= d - 2.0)) {
        throw input_error("/initial/law/type \"barenblatt\" needs d-2 <= s < d, not s = " + show(s) + " in d = " +
                          std::to_string(d));
    }
}

// The points file must be readable, hold d numbers a row, and as many rows as the one N.
std::shared_ptr<const points> load_points_file(const study& st) {
    auto p = std::make_shared<const points>(sampling::read_points_csv(st.points_file.string(), st.d));
    if (st.N.size() != 1 || st.N.front() != p->size()) {
        throw input_error("/N must be [" + std::to_string(p->size()) + "], the number of points in " +
                          st.points_file.string());
    }
    return p;
}

void check_semantics(const json& j, study& st) {
    try {
        kernel::riesz_kernel g(st.d, st.s);
    } catch (const input_error&) {
        throw input_error("/model/s = " + show(st.s) + " is outside [0, d) for d = " + std::to_string(st.d));
    }
    if (st.flow == "conservative" && st.d != 2) {
        throw input_error("/model/flow \"conservative\" needs d = 2, not d = " + std::to_string(st.d));
    }
    check_law(j["initial"]["law"], st.d, st.s);
    if (st.theta > 0.0 && st.integrator.method != "euler_maruyama") {
        throw input_error("/integrator/method \"" + st.integrator.method +
                          "\" cannot integrate noise (model.theta > 0): use \"euler_maruyama\"");
    }
    if (st.integrator.method != "dopri5" && !(st.integrator.dt > 0.0)) {
        throw input_error("/integrator/dt is needed by the fixed-step method \"" + st.integrator.method + "\"");
    }
    if (st.T > 0.0 && st.outputs < 2) {
        throw input_error("/time/outputs = " + std::to_string(st.outputs) + " must be at least 2 when T > 0");
    }
    if (st.T == 0.0 && st.outputs != 1) {
        throw input_error("/time/outputs = " + std::to_string(st.outputs) + " must be 1 when T = 0");
    }
    const auto& in = j["integrator"];
    if (st.integrator.method == "dopri5" && in.contains("dt")) {
        throw input_error("/integrator/dt applies to the fixed-step methods, not to \"dopri5\" (which uses rtol, atol)");
    }
    if (st.integrator.method != "dopri5" && (in.contains("rtol") || in.contains("atol"))) {
        throw input_error("/integrator/" + std::string(in.contains("rtol") ? "rtol" : "atol") +
                          " applies to \"dopri5\", not to the fixed-step method \"" + st.integrator.method +
                          "\" (which uses dt)");
    }
    for (std::size_t k = 1; k < st.N.size(); ++k) {
        if (st.N[k] <= st.N[k - 1]) throw input_error("/N/" + std::to_string(k) + ": the N list must increase");
    }
    if (st.sampling == "points" && st.points_file.empty()) {
        throw input_error("/initial/file is needed when /initial/sampling is \"points\"");
    }
    if (st.sampling != "points" && j["initial"].contains("file")) {
        throw input_error("/initial/file only applies when /initial/sampling is \"points\"");
    }
    for (std::size_t k = 0; k < st.harnesses.size(); ++k) {
        const auto& h = st.harnesses[k];
        if (std::find(st.observables.begin(), st.observables.end(), h.observable) == st.observables.end()) {
            throw input_error("/harnesses/" + std::to_string(k) + "/observable \"" + h.observable +
                              "\" is not among /observables");
        }
        if (st.members < 2) {
            throw input_error("/ensemble/members = " + std::to_string(st.members) + ": the rate harness /harnesses/" +
                              std::to_string(k) + " needs at least 2 members for its interval");
        }
    }
    try {
        meanfield::make_exact_reference(kernel::riesz_kernel(st.d, st.s), st.flow, st.theta, st.law);
    } catch (const input_error& e) {
        const std::string m = e.what();
        const std::string prefix = "reference.type";
        throw input_error(m.rfind(prefix, 0) == 0 ? "/reference/type" + m.substr(prefix.size())
                                                  : "/reference/type \"exact\": " + m);
    }
    if (st.sampling == "points") st.user_points = load_points_file(st);
}

}  // namespace

study parse_study(const json& input, const std::filesystem::path& base_dir) {
    check_against_schema(input, study_schema_text());
    json j = input;
    fill_defaults(j);

    study st;
    st.name = j["name"];
    st.question = j["question"];
    const auto& m = j["model"];
    st.d = m["d"];
    st.s = m["s"];
    st.flow = m["flow"];
    st.theta = m["theta"];
    st.domain = m["domain"];
    const auto& law = j["initial"]["law"];
    st.law.type = law["type"];
    st.law.radius = law.value("radius", 1.0);
    st.law.sigma = law.value("sigma", 1.0);
    st.sampling = j["initial"]["sampling"];
    if (j["initial"].contains("file")) {
        std::filesystem::path p = j["initial"]["file"].get<std::string>();
        st.points_file = p.is_absolute() ? p : base_dir / p;
    }
    st.reference_type = j["reference"]["type"];
    st.N = j["N"].get<std::vector<std::size_t>>();
    st.members = j["ensemble"]["members"];
    st.seed = j["ensemble"]["seed"];
    st.T = j["time"]["T"];
    st.outputs = j["time"]["outputs"];
    const auto& in = j["integrator"];
    st.integrator.method = in["method"];
    st.integrator.rtol = in.value("rtol", 0.0);
    st.integrator.atol = in.value("atol", 0.0);
    st.integrator.dt = in.value("dt", 0.0);
    st.integrator.min_separation = in["min_separation"];
    st.interaction_method = j["interaction"]["method"];
    st.interaction_accuracy = j["interaction"]["accuracy"];
    st.observables = j["observables"].get<std::vector<std::string>>();
    for (const auto& h : j["harnesses"]) {
        st.harnesses.push_back({h["type"], h["observable"], h["statistic"], h["max_interval_width"],
                                h["bootstrap"], h["error_budget"]});
    }
    check_semantics(j, st);
    st.normalised = std::move(j);
    return st;
}

study load_study(const std::filesystem::path& file) {
    const std::string where = file.string() + ": ";
    std::ifstream in(file, std::ios::binary);
    if (!in) throw input_error(where + "cannot open the study file");
    std::ostringstream text;
    text << in.rdbuf();
    json j;
    try {
        j = json::parse(text.str());
    } catch (const json::parse_error& e) {
        throw input_error(where + "not valid JSON: " + e.what());
    }
    try {
        return parse_study(j, file.parent_path());
    } catch (const input_error& e) {
        throw input_error(where + e.what());
    }
}

}  // namespace mfv::study
