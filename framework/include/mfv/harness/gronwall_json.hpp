// The Gronwall harness's result as JSON (results.json fits entry; harness/gronwall.hpp).
#pragma once
#include <mfv/harness/gronwall.hpp>

#include <nlohmann/json.hpp>

namespace mfv::harness {

nlohmann::json to_json(const gronwall_fit& f);

}  // namespace mfv::harness
