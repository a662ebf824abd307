// Validation of a JSON document against a JSON Schema (valijson, draft 7), with errors
// that name the JSON path of the offending field:
//   /model/foo is not a known key (known keys: d, s, flow, theta, domain)
//   /N/2: Expected number greater than or equal to 2
#pragma once
#include <nlohmann/json.hpp>

#include <string>

namespace mfv::study {

// Throws mfv::input_error with the path and reason of the first (deepest) violation.
void check_against_schema(const nlohmann::json& document, const std::string& schema_text);

// "/a/b/0" for a path of keys and indices, the JSON Pointer of RFC 6901.
std::string json_path(const std::vector<std::string>& keys);

}  // namespace mfv::study
