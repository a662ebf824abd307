#include <mfv/io/report.hpp>

#include <mfv/io/report_plots.hpp>
#include <mfv/io/results.hpp>

#include <algorithm>
#include <ctime>
#include <sstream>

namespace mfv::io {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string fixed(const json& v, int precision = 4) {
    if (!v.is_number()) return "";
    std::ostringstream o;
    o.precision(precision);
    o << v.get<double>();
    return o.str();
}

std::string interval(const json& v) {
    if (!v.is_array() || v.size() != 2) return "";
    return "[" + fixed(v[0]) + ", " + fixed(v[1]) + "]";
}

std::string html_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

std::string md_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '|') o += "\\|";
        else if (c == '\n') o += ' ';
        else o += c;
    }
    return o;
}

const std::vector<std::string> columns = {"harness", "quantity", "estimate", "95% interval", "theory", "verdict"};

std::string source_text(const report_entry& e) {
    if (e.source_kind == "none") return "no results: run it with `mfv report --run` or `mfv run`";
    std::string s = (e.source_kind == "run" ? "run " : "baseline ") + e.source.string();
    if (e.results.contains("provenance")) {
        const json& p = e.results["provenance"];
        s += " (" + p.value("date", std::string("?")) + ", commit " + p.value("git_commit", std::string("?")) + ")";
    }
    return s;
}

}  // namespace

std::vector<std::string> fit_row(const json& f) {
    const std::string harness = f.value("harness", std::string("rate"));
    const std::string verdict = f.value("verdict", std::string("?"));
    if (harness == "decay") {
        // The rate at the largest N (the verdict is read there).
        json last = f.contains("per_N") && !f["per_N"].empty() ? f["per_N"].back() : json::object();
        const std::string theory = f.contains("predicted_rate") ? fixed(f["predicted_rate"]) : "";
        return {"decay", "lambda of " + f.value("observable", std::string("?")) + " at N = " +
                             (last.contains("N") ? last["N"].dump() : std::string("?")),
                fixed(last.value("lambda", json())), interval(last.value("lambda_interval", json())), theory, verdict};
    }
    if (harness == "sharpness") {
        double best = 0.0;
        if (f.contains("per_N"))
            for (const auto& g : f["per_N"]) best = std::max(best, g.value("best_ratio", 0.0));
        return {"sharpness", "largest commutator ratio found by ascent (" + fixed(json(best)) + "), slope in log N",
                fixed(f.value("slope_in_log_N", json())), interval(f.value("slope_interval", json())), "0 (N-independent)",
                verdict};
    }
    if (harness == "commutator") {
        return {"commutator", "slope in log N of sup_t |K| / (||Du|| (F_N + C r(N))) (largest " +
                                  fixed(f.value("sup_ratio", json())) + ")",
                fixed(f.value("slope_in_log_N", json())), interval(f.value("slope_interval", json())), "0 (N-independent)",
                verdict};
    }
    if (harness == "gronwall") {
        return {"gronwall", "slope of C2 in log N (" + f.value("observable", std::string("?")) + ")",
                fixed(f.value("slope_in_log_N", json())), interval(f.value("slope_interval", json())), "0 (C2 independent of N)",
                verdict};
    }
    if (harness == "uniform_in_time") {
        // The growth of the sup over the last stretch of the run, at the largest N that has it.
        std::string growth, at;
        if (f.contains("per_N"))
            for (const auto& g : f["per_N"])
                if (g.value("complete", false) && g.contains("growth_ratios") && !g["growth_ratios"].empty())
                    growth = fixed(g["growth_ratios"].back()), at = g["N"].dump();
        return {"uniform in time",
                "growth of sup_{t<=T_j} " + f.value("observable", std::string("?")) + " over the last horizon" +
                    (at.empty() ? "" : ", N = " + at),
                growth, "", "<= " + fixed(f.value("max_growth_factor", json())), verdict};
    }
    std::string quantity = "exponent of " + f.value("statistic", std::string("?")) + " " +
                           f.value("observable", std::string("?")) + " in N";
    std::string estimate = fixed(f.value("exponent", json()));
    std::string iv = interval(f.value("interval", json()));
    std::string theory = fixed(f.value("theory_exponent", json()));
    if (f.value("verdict_basis", std::string()) == "log_exponent") {
        quantity = "exponent q of " + f.value("statistic", std::string("?")) + " " + f.value("observable", std::string("?")) +
                   " in (log N)/N";
        estimate = fixed(f.value("log_exponent", json()));
        iv = interval(f.value("log_interval", json()));
        theory = fixed(f.value("log_theory_exponent", json()));
    }
    return {"rate", quantity, estimate, iv, theory, verdict};
}

void draw_report_figures(report_entry& e, const fs::path& dir) {
    if (e.results.is_null() || e.results.empty()) return;
    try {
        for (const auto& f : write_study_plots(e.results, dir / e.name))
            if (f.extension() == ".png") e.figures.push_back(fs::path(e.name) / f.filename());
    } catch (const std::exception& err) {
        e.error = err.what();
    }
}

void write_report_index(const fs::path& dir, const std::vector<report_entry>& entries) {
    fs::create_directories(dir);
    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));

    std::ostringstream md;
    md << "# mfv report\n\nMade " << date << " by `mfv report`. One section per study: where its numbers come from, "
       << "its fits (fitted exponent, 95% interval, the theory exponent, verdict) and its figures (PNG shown; SVG and "
       << "PDF beside each).\n\n";
    md << "| study | harness | quantity | estimate | 95% interval | theory | verdict |\n|---|---|---|---|---|---|---|\n";
    for (const auto& e : entries) {
        if (!e.results.contains("fits") || e.results["fits"].empty()) {
            md << "| " << e.name << " | | | | | | " << (e.source_kind == "none" ? "no results" : "no fits") << " |\n";
            continue;
        }
        for (const auto& f : e.results["fits"]) {
            md << "| " << e.name;
            for (const auto& c : fit_row(f)) md << " | " << md_escape(c);
            md << " |\n";
        }
    }
    for (const auto& e : entries) {
        md << "\n## " << e.name << "\n\n" << md_escape(e.question) << "\n\nSource: " << source_text(e) << "\n";
        if (!e.note.empty()) md << "\nNote: " << e.note << "\n";
        if (!e.error.empty()) md << "\nThe figures could not be drawn: " << e.error << "\n";
        for (const auto& f : e.figures) {
            const std::string stem = (f.parent_path() / f.stem()).string();
            md << "\n![" << f.stem().string() << "](" << f.string() << ")  \n[SVG](" << stem << ".svg) · [PDF](" << stem
               << ".pdf)\n";
        }
    }
    write_text_atomically(dir / "index.md", md.str());

    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>mfv report</title>\n<style>\n"
      << "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n"
      << "table{border-collapse:collapse;margin:1em 0;font-size:0.92em}td,th{border:1px solid #bbb;padding:4px 8px;"
      << "text-align:left}th{background:#eee}\nfigure{display:inline-block;margin:0.5em;vertical-align:top}"
      << "figure img{max-width:520px;border:1px solid #ddd}\n.attained,.consistent,.uniform{color:#070}"
      << ".violated,.inconsistent{color:#a00}.inconclusive{color:#850}\n</style>\n</head>\n<body>\n";
    h << "<h1>mfv report</h1>\n<p>Made " << date << " by <code>mfv report</code>. One section per study: where its "
      << "numbers come from, its fits and its figures (PNG shown; SVG and PDF linked).</p>\n";
    h << "<table>\n<tr><th>study</th>";
    for (const auto& c : columns) h << "<th>" << c << "</th>";
    h << "</tr>\n";
    for (const auto& e : entries) {
        if (!e.results.contains("fits") || e.results["fits"].empty()) {
            h << "<tr><td><a href=\"#" << html_escape(e.name) << "\">" << html_escape(e.name) << "</a></td>"
              << "<td colspan=\"6\">" << (e.source_kind == "none" ? "no results" : "no fits") << "</td></tr>\n";
            continue;
        }
        for (const auto& f : e.results["fits"]) {
            const auto row = fit_row(f);
            h << "<tr><td><a href=\"#" << html_escape(e.name) << "\">" << html_escape(e.name) << "</a></td>";
            for (std::size_t k = 0; k < row.size(); ++k) {
                if (k + 1 == row.size()) h << "<td class=\"" << html_escape(row[k]) << "\">";
                else h << "<td>";
                h << html_escape(row[k]) << "</td>";
            }
            h << "</tr>\n";
        }
    }
    h << "</table>\n";
    for (const auto& e : entries) {
        h << "<section id=\"" << html_escape(e.name) << "\">\n<h2>" << html_escape(e.name) << "</h2>\n<p>"
          << html_escape(e.question) << "</p>\n<p>Source: " << html_escape(source_text(e)) << "</p>\n";
        if (!e.note.empty()) h << "<p><em>Note: " << html_escape(e.note) << "</em></p>\n";
        if (!e.error.empty()) h << "<p class=\"violated\">The figures could not be drawn: " << html_escape(e.error) << "</p>\n";
        for (const auto& f : e.figures) {
            const std::string stem = (f.parent_path() / f.stem()).string();
            h << "<figure><img src=\"" << html_escape(f.string()) << "\" alt=\"" << html_escape(f.stem().string())
              << "\"><figcaption>" << html_escape(f.stem().string()) << " · <a href=\"" << html_escape(stem)
              << ".svg\">SVG</a> · <a href=\"" << html_escape(stem) << ".pdf\">PDF</a></figcaption></figure>\n";
        }
        h << "</section>\n";
    }
    // The page's own check, read by the test in a headless browser: how many of the
    // figures it names the browser could load and decode.
    h << "<script>\nwindow.addEventListener('load', function () {\n"
      << "  var imgs = Array.prototype.slice.call(document.images);\n"
      << "  var bad = imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0); });\n"
      << "  document.body.setAttribute('data-figures', (imgs.length - bad.length) + ' of ' + imgs.length + ' rendered');\n"
      << "  document.body.setAttribute('data-figures-missing', bad.map(function (i) { return i.getAttribute('src'); }).join(' '));\n"
      << "});\n</script>\n</body>\n</html>\n";
    write_text_atomically(dir / "index.html", h.str());
}

}  // namespace mfv::io
