// The commutator harness's result as JSON (results.json fits entry; commutator_ratio.hpp).
#pragma once
#include <mfv/harness/commutator_ratio.hpp>

#include <nlohmann/json.hpp>

namespace mfv::harness {

nlohmann::json to_json(const commutator_fit& f);

}  // namespace mfv::harness
