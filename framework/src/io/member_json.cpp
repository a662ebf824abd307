#include <mfv/io/member_json.hpp>

#include <cmath>
#include <stdexcept>

namespace mfv::io {

using nlohmann::json;

json unit_to_json(const study::work_unit& u, const study::member_record& rec) {
    json series = json::array();
    for (const auto& [name, v] : rec.series) series.push_back({{"name", name}, {"values", v}});
    json j = {{"N", u.N},
              {"member", u.member},
              {"tightened", u.tightened},
              {"status", rec.status},
              {"t", rec.t},
              {"series", series},
              {"steps", rec.steps},
              {"wall_seconds", rec.wall_seconds},
              {"interaction_parameters", rec.interaction_parameters}};
    if (!rec.snapshots.empty()) j["snapshots"] = rec.snapshots;
    if (std::isfinite(rec.energy_drift)) j["energy_drift"] = rec.energy_drift;
    return j;
}

std::pair<study::work_unit, study::member_record> unit_from_json(const json& j) {
    try {
        study::work_unit u;
        u.N = j.at("N").get<std::size_t>();
        u.member = j.at("member").get<std::size_t>();
        u.tightened = j.at("tightened").get<bool>();
        study::member_record rec;
        rec.member = u.member;
        rec.status = j.at("status").get<std::string>();
        rec.t = j.at("t").get<std::vector<double>>();
        for (const auto& c : j.at("series")) {
            rec.series.emplace_back(c.at("name").get<std::string>(), c.at("values").get<std::vector<double>>());
        }
        rec.steps = j.at("steps").get<std::size_t>();
        rec.wall_seconds = j.at("wall_seconds").get<double>();
        rec.interaction_parameters = j.at("interaction_parameters").get<std::string>();
        if (j.contains("energy_drift")) rec.energy_drift = j.at("energy_drift").get<double>();
        if (j.contains("snapshots")) rec.snapshots = j.at("snapshots").get<std::vector<std::vector<double>>>();
        return {u, std::move(rec)};
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("a unit record is malformed: ") + e.what());
    }
}

}  // namespace mfv::io
