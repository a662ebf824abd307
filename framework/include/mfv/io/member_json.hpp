// One finished unit of work as JSON, for the checkpoint (study/checkpoint.hpp) and for the
// messages between MPI ranks (study/mpi_scheduler.cpp). Every double is written in the
// shortest form that reads back to the same double (nlohmann/json's Grisu2 output, parsed
// with correct rounding), so a unit read back is bitwise the unit that was computed.
#pragma once
#include <mfv/study/runner.hpp>
#include <mfv/study/work_unit.hpp>

#include <nlohmann/json.hpp>

#include <utility>

namespace mfv::io {

nlohmann::json unit_to_json(const study::work_unit& u, const study::member_record& rec);

// Throws std::runtime_error naming the missing or ill-typed field.
std::pair<study::work_unit, study::member_record> unit_from_json(const nlohmann::json& j);

}  // namespace mfv::io
