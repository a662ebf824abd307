#include <mfv/sampling/torus_law.hpp>

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>

#include <charconv>
#include <cmath>

namespace mfv::sampling {

namespace {

// Shortest decimal that reads back as x.
std::string number(double x) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

std::string field(std::size_t m, const char* name) {
    return "initial.law.modes[" + std::to_string(m) + "]." + name;
}

void check_mode(int d, std::size_t m, const fourier_mode& f) {
    if (f.k.size() != static_cast<std::size_t>(d)) {
        throw input_error(field(m, "k") + " has " + std::to_string(f.k.size()) + " entries, but the torus has d = " +
                          std::to_string(d));
    }
    bool zero = true;
    for (int c : f.k) zero = zero && c == 0;
    if (zero) throw input_error(field(m, "k") + " is zero: the constant mode is the mean 1, not a mode");
    if (!std::isfinite(f.amplitude)) throw input_error(field(m, "amplitude") + " = " + number(f.amplitude) + " is not finite");
    if (!std::isfinite(f.phase)) throw input_error(field(m, "phase") + " = " + number(f.phase) + " is not finite");
}

}  // namespace

torus_law::torus_law(int d, std::vector<fourier_mode> modes) : d_(d), modes_(std::move(modes)) {
    if (d < 1 || d > 3) throw input_error("a torus law needs d = 1, 2 or 3, but model.d = " + std::to_string(d));
    for (std::size_t m = 0; m < modes_.size(); ++m) {
        check_mode(d, m, modes_[m]);
        total_amplitude_ += std::abs(modes_[m].amplitude);
    }
    if (!(total_amplitude_ < 1.0)) {
        throw input_error("initial.law.modes: the amplitudes sum to sum_m |a_m| = " + number(total_amplitude_) +
                          ", which must be below 1 for the density to stay positive");
    }
}

// Built by appending: GCC 12 warns falsely (-Wrestrict, PR 105651) on "literal" + string&&.
std::string torus_law::name() const {
    std::string s = modes_.empty() ? "uniform(T^" : "fourier(T^";
    s += std::to_string(d_);
    if (modes_.empty()) return s + ")";
    s += ":";
    for (const fourier_mode& f : modes_) {
        s += " ";
        s += number(f.amplitude);
        s += " cos(2 pi (";
        for (int i = 0; i < d_; ++i) {
            if (i > 0) s += ",";
            s += std::to_string(f.k[i]);
        }
        s += ").x + ";
        s += number(f.phase);
        s += ")";
    }
    return s + ")";
}

double torus_law::density(const double* x) const {
    const double two_pi = boost::math::constants::two_pi<double>();
    double mu = 1.0;
    for (const fourier_mode& f : modes_) {
        double kx = 0.0;
        for (int i = 0; i < d_; ++i) kx += f.k[i] * x[i];
        // cos(2 pi k.x) only needs k.x modulo 1: reducing first keeps the argument small.
        mu += f.amplitude * std::cos(two_pi * (kx - std::floor(kx)) + f.phase);
    }
    return mu;
}

torus_law torus_law::reflected() const {
    std::vector<fourier_mode> minus = modes_;
    for (fourier_mode& f : minus) f.amplitude = -f.amplitude;
    return torus_law(d_, std::move(minus));
}

torus_law make_torus_law(const mfv::law_spec& spec, int d) {
    if (spec.type == "uniform") {
        if (!spec.modes.empty()) {
            throw input_error("initial.law.modes has " + std::to_string(spec.modes.size()) +
                              " entries, but initial.law.type = \"uniform\" takes none (use \"fourier\")");
        }
        return torus_law(d, {});
    }
    if (spec.type == "fourier") return torus_law(d, spec.modes);
    throw input_error("initial.law.type = \"" + spec.type + "\" is not one of uniform, fourier (the laws on the torus)");
}

}  // namespace mfv::sampling
