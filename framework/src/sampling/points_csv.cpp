#include <mfv/sampling/points_csv.hpp>

#include <mfv/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

namespace mfv::sampling {

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(path + ": cannot open the file");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    std::string text(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)), '\0');
    if (size > 0 && !in.read(text.data(), size)) throw input_error(path + ": cannot read the file");
    return text;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// One field as a double; false when it is not a number at all. A leading '+' is allowed.
bool parse_number(std::string_view field, double& value) {
    std::string_view f = field;
    if (!f.empty() && f.front() == '+') f.remove_prefix(1);
    if (f.empty()) return false;
    const auto res = std::from_chars(f.data(), f.data() + f.size(), value);
    if (res.ptr != f.data() + f.size()) return false;
    if (res.ec == std::errc::result_out_of_range) {
        // Rare: strtod gives +-HUGE_VAL on overflow (then caught as not finite) and the
        // nearest subnormal or zero on underflow.
        value = std::strtod(std::string(f).c_str(), nullptr);
        return true;
    }
    return res.ec == std::errc();
}

std::string where(const std::string& path, std::size_t line) { return path + " line " + std::to_string(line); }

std::string where(const std::string& path, std::size_t line, int column) {
    return where(path, line) + ", column " + std::to_string(column + 1) + ": ";
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The data rows of the file, particle-major, and the line each came from.
struct csv_rows {
    std::vector<double> values;
    std::vector<std::size_t> line_of;
};

// One data line (trimmed, not blank) into rows, or an error naming the line and column.
void parse_row(const std::string& path, std::size_t line, std::string_view body, int d, csv_rows& rows) {
    const std::size_t fields = static_cast<std::size_t>(std::count(body.begin(), body.end(), ',')) + 1;
    if (fields != static_cast<std::size_t>(d))
        throw input_error(where(path, line) + ": expected " + std::to_string(d) + " numbers, found " +
                          std::to_string(fields));
    std::string_view rest = body;
    for (int k = 0; k < d; ++k) {
        const std::size_t comma = rest.find(',');
        const std::string_view field = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        double value = 0.0;
        if (!parse_number(field, value)) throw input_error(where(path, line, k) + quoted(field) + " is not a number");
        if (!std::isfinite(value))
            throw input_error(where(path, line, k) + quoted(field) + " is not a finite number");
        rows.values.push_back(value);
    }
    rows.line_of.push_back(line);
}

csv_rows parse_rows(const std::string& path, const std::string& text, int d) {
    csv_rows rows;
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    rows.values.reserve(lines * static_cast<std::size_t>(d));
    rows.line_of.reserve(lines);
    std::size_t line = 0, first_blank = 0;
    bool seen_content = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
        const std::size_t end = nl ? static_cast<std::size_t>(nl - text.data()) : text.size();
        const std::string_view body = trim(std::string_view(text.data() + pos, end - pos));
        pos = end + 1;
        ++line;
        if (body.empty()) {
            if (first_blank == 0) first_blank = line;
            continue;
        }
        // Blank lines are allowed before and after the data, not inside it.
        if (first_blank != 0 && seen_content)
            throw input_error(where(path, first_blank) + ": expected " + std::to_string(d) +
                              " numbers, found 0 (a blank line inside the data)");
        first_blank = 0;
        // The header: a first line whose first field is not a number.
        double value = 0.0;
        const bool header = !seen_content && !parse_number(trim(body.substr(0, body.find(','))), value);
        seen_content = true;
        if (!header) parse_row(path, line, body, d, rows);
    }
    return rows;
}

// Throws if two rows hold the same point (their first d of `width` numbers). Rows are sorted
// lexicographically through a key array (first coordinate inline, the rest looked up on
// ties), so the sort stays in cache.
void check_distinct(const std::string& path, const csv_rows& rows, int width, int d) {
    const std::size_t n = rows.line_of.size();
    const auto row = [&](std::size_t i) { return rows.values.data() + i * static_cast<std::size_t>(width); };
    struct key {
        double first;
        std::size_t index;
    };
    std::vector<key> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = {row(i)[0], i};
    std::sort(order.begin(), order.end(), [&](const key& a, const key& b) {
        if (a.first != b.first) return a.first < b.first;
        if (std::lexicographical_compare(row(a.index), row(a.index) + d, row(b.index), row(b.index) + d)) return true;
        return std::equal(row(a.index), row(a.index) + d, row(b.index)) && a.index < b.index;
    });
    for (std::size_t k = 1; k < n; ++k) {
        const std::size_t i = order[k - 1].index, j = order[k].index;
        if (order[k - 1].first != order[k].first || !std::equal(row(i), row(i) + d, row(j))) continue;
        std::string point;
        for (int c = 0; c < d; ++c) {
            char buf[32];
            const auto res = std::to_chars(buf, buf + sizeof buf, row(i)[c]);
            point += (c ? ", " : "") + std::string(buf, res.ptr);
        }
        throw input_error(path + " lines " + std::to_string(rows.line_of[i]) + " and " +
                          std::to_string(rows.line_of[j]) + ": the same point (" + point + ") appears twice");
    }
}

// The first coordinate outside [0, 1) (of the first d of `width` numbers a row), named by its
// line and column.
void check_in_torus(const std::string& path, const csv_rows& rows, int width, int d) {
    for (std::size_t m = 0; m < rows.values.size(); ++m) {
        if (static_cast<int>(m % static_cast<std::size_t>(width)) >= d) continue;
        const double v = rows.values[m];
        if (v >= 0.0 && v < 1.0) continue;
        char buf[32];
        const auto res = std::to_chars(buf, buf + sizeof buf, v);
        throw input_error(where(path, rows.line_of[m / static_cast<std::size_t>(width)], static_cast<int>(m % width)) +
                          std::string(buf, res.ptr) + " is outside the torus [0, 1)");
    }
}


// The rows of a CSV file of `width` numbers a row, with the first d of each checked: inside
// the torus (when asked) and distinct.
csv_rows read_rows(const std::string& path, int width, int d, bool unit_torus) {
    const std::string text = read_all(path);
    if (const auto zero = text.find('\0'); zero != std::string::npos)
        throw input_error(path + ": not a text file (a zero byte at offset " + std::to_string(zero) +
                          "): points are CSV text, one point a line");
    csv_rows rows = parse_rows(path, text, width);
    if (rows.line_of.empty())
        throw input_error(path + (text.empty() ? ": no points (the file is empty)" : ": no points (no data lines)"));
    if (unit_torus) check_in_torus(path, rows, width, d);
    check_distinct(path, rows, width, d);
    return rows;
}

// Columns [first, first + d) of the rows as a configuration.
mfv::points columns(const csv_rows& rows, int width, int first, int d) {
    const std::size_t n = rows.line_of.size();
    mfv::points x(d, n);
    for (std::size_t i = 0; i < n; ++i)
        for (int k = 0; k < d; ++k) x(i, k) = rows.values[i * static_cast<std::size_t>(width) + first + k];
    return x;
}

}  // namespace

mfv::points read_points_csv(const std::string& path, int d, bool unit_torus) {
    if (d < 1) throw std::invalid_argument("read_points_csv: d must be >= 1");
    return columns(read_rows(path, d, d, unit_torus), d, 0, d);
}

phase_space read_phase_space_csv(const std::string& path, int d, bool unit_torus) {
    if (d < 1) throw std::invalid_argument("read_phase_space_csv: d must be >= 1");
    const csv_rows rows = read_rows(path, 2 * d, d, unit_torus);
    return {columns(rows, 2 * d, 0, d), columns(rows, 2 * d, d, d)};
}

}  // namespace mfv::sampling
