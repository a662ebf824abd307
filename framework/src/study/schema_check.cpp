#include <mfv/study/schema_check.hpp>

#include <mfv/core/error.hpp>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace mfv::study {

namespace {

// Unknown keys are typos: find them first, with the list of known keys, since the
// schema's additionalProperties error does not say which key or what was meant.
void check_unknown_keys(const nlohmann::json& doc, const nlohmann::json& schema, std::vector<std::string>& path) {
    if (doc.is_object() && schema.contains("properties")) {
        const auto& props = schema["properties"];
        for (const auto& [key, value] : doc.items()) {
            path.push_back(key);
            if (!props.contains(key)) {
                if (schema.value("additionalProperties", true) == false) {
                    std::string known;
                    for (const auto& [k, v] : props.items()) known += (known.empty() ? "" : ", ") + k;
                    throw input_error(json_path(path) + " is not a known key (known keys: " + known + ")");
                }
            } else {
                check_unknown_keys(value, props[key], path);
            }
            path.pop_back();
        }
    }
    if (doc.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < doc.size(); ++i) {
            path.push_back(std::to_string(i));
            check_unknown_keys(doc[i], schema["items"], path);
            path.pop_back();
        }
    }
}

// valijson's context is {"<root>", "[model]", "[s]"} or {"<root>", "[N]", "[2]"}.
std::string context_path(const std::vector<std::string>& context) {
    std::vector<std::string> keys;
    for (const auto& c : context) {
        if (c.size() >= 2 && c.front() == '[' && c.back() == ']') {
            std::string k = c.substr(1, c.size() - 2);
            if (k.size() >= 2 && k.front() == '"' && k.back() == '"') k = k.substr(1, k.size() - 2);
            keys.push_back(k);
        }
    }
    return json_path(keys);
}

}  // namespace

std::string json_path(const std::vector<std::string>& keys) {
    if (keys.empty()) return "/";
    std::string p;
    for (const auto& k : keys) p += "/" + k;
    return p;
}

void check_against_schema(const nlohmann::json& document, const std::string& schema_text) {
    const nlohmann::json schema_json = nlohmann::json::parse(schema_text);
    std::vector<std::string> path;
    check_unknown_keys(document, schema_json, path);

    valijson::Schema schema;
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter doc_adapter(document);
    if (validator.validate(schema, doc_adapter, &results)) return;

    // The deepest error is the precise one; the others restate it for each parent.
    const valijson::ValidationResults::Error* best = nullptr;
    for (const auto& e : results) {
        if (best == nullptr || e.context.size() > best->context.size()) best = &e;
    }
    std::string where = context_path(best->context);
    throw input_error(where + ": " + best->description);
}

}  // namespace mfv::study
