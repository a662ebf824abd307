// Reading a configuration the user brings (`mfv energy --points FILE`, or a study's
// initial points): one particle a row, d comma-separated numbers.
//
// Accepted: an optional header (a first line whose first field is not a number), spaces
// and tabs around fields, CRLF line ends, blank lines at the end. Rejected with an
// mfv::input_error naming the file and line (STYLE.md section 5):
//   points.csv line 18: expected 3 numbers, found 2
//   points.csv line 7, column 2: "abc" is not a number
//   points.csv line 9, column 1: "nan" is not a finite number
//   points.csv lines 4 and 12: the same point (0.5, 0.25, 0) appears twice
//   points.csv: no points (the file is empty)
// Duplicates make the energy infinite, so they are an input error. They are found by
// sorting the rows lexicographically, O(N log N). The file is read at once and parsed
// with std::from_chars: 3e4 rows take a few milliseconds.
#pragma once
#include <mfv/core/points.hpp>

#include <string>

namespace mfv::sampling {

// unit_torus: every coordinate must lie in [0, 1) (a configuration on T^d), else
//   points.csv line 7, column 2: 1.25 is outside the torus [0, 1)
mfv::points read_points_csv(const std::string& path, int d, bool unit_torus = false);

// A Newton-flow configuration: one particle a row, 2d numbers, position then velocity. The
// positions are checked as read_points_csv checks them (distinct; inside the torus when
// asked); the velocities only for being finite numbers.
struct phase_space {
    mfv::points x;
    mfv::points v;
};
phase_space read_phase_space_csv(const std::string& path, int d, bool unit_torus = false);

}  // namespace mfv::sampling
