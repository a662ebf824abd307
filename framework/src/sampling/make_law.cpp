#include <mfv/sampling/make_law.hpp>

#include <mfv/core/error.hpp>
#include <mfv/sampling/barenblatt_law.hpp>
#include <mfv/sampling/gaussian_law.hpp>
#include <mfv/sampling/semicircle_law.hpp>
#include <mfv/sampling/uniform_ball.hpp>

#include <charconv>
#include <cmath>

namespace mfv::sampling {

namespace {

// Shortest decimal that reads back as x: -1 prints as "-1", 0.1 as "0.1".
std::string number(double x) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

// A length parameter of a law: positive and finite, else an error naming the field.
double positive_finite(const char* field, double x) {
    if (std::isnan(x) || x <= 0.0)
        throw input_error(std::string("initial.law.") + field + " = " + number(x) + " must be positive");
    if (std::isinf(x))
        throw input_error(std::string("initial.law.") + field + " = " + number(x) + " must be finite");
    return x;
}

}  // namespace

std::unique_ptr<law> make_law(const mfv::law_spec& spec, const mfv::kernel::riesz_kernel& kernel) {
    const int d = kernel.d();
    const double s = kernel.s();
    if (spec.type == "uniform_ball") return std::make_unique<uniform_ball>(d, positive_finite("radius", spec.radius));
    if (spec.type == "gaussian") return std::make_unique<gaussian_law>(d, positive_finite("sigma", spec.sigma));
    if (spec.type == "semicircle") {
        if (d != 1)
            throw input_error("initial.law.type = \"semicircle\" needs d = 1, but model.d = " + std::to_string(d));
        return std::make_unique<semicircle_law>(positive_finite("radius", spec.radius));
    }
    if (spec.type == "barenblatt") {
        // MATH.md section 3: the profile (R^2 - |x|^2)_+^beta, beta = (s - d + 2)/2, exists
        // (is integrable and self-similar) for d - 2 <= s < d, that is 0 <= beta < 1.
        if (!(s >= d - 2.0 && s < d))
            throw input_error("initial.law.type = \"barenblatt\" needs d - 2 <= s < d (beta = (s - d + 2)/2 >= 0), "
                              "but model.s = " + number(s) + " with model.d = " + std::to_string(d));
        return std::make_unique<barenblatt_law>(d, s, positive_finite("radius", spec.radius));
    }
    throw input_error("initial.law.type = \"" + spec.type +
                      "\" is not one of uniform_ball, gaussian, barenblatt, semicircle");
}

}  // namespace mfv::sampling
