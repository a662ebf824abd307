// Tests of the meanfield module's factory of exact references (exact.hpp): which reference
// each (kernel, flow, theta, law) gets, with which parameters, and the errors for the
// combinations that have no exact solution. The references themselves are tested in
// meanfield_{ball,barenblatt,semicircle,vortex}_test.cpp.
#define BOOST_TEST_MODULE meanfield
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/law_spec.hpp>
#include <mfv/meanfield/barenblatt.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/meanfield/expanding_ball.hpp>
#include <mfv/meanfield/lamb_oseen.hpp>
#include <mfv/meanfield/rankine_vortex.hpp>
#include <mfv/meanfield/semicircle.hpp>

#include <cmath>
#include <string>

namespace tt = boost::test_tools;
using mfv::law_spec;
using mfv::kernel::riesz_kernel;
using mfv::meanfield::make_exact_reference;

namespace {

law_spec law(const std::string& type, double radius = 1.0, double sigma = 1.0) {
    law_spec l;
    l.type = type;
    l.radius = radius;
    l.sigma = sigma;
    return l;
}

std::string chosen(int d, double s, const std::string& flow, double theta, const law_spec& l) {
    return make_exact_reference(riesz_kernel(d, s), flow, theta, l)->name();
}

// The factory throws mfv::input_error and its message holds every one of the fragments.
void check_refused(int d, double s, const std::string& flow, double theta, const law_spec& l,
                   std::initializer_list<const char*> fragments) {
    try {
        make_exact_reference(riesz_kernel(d, s), flow, theta, l);
        BOOST_ERROR("no error for d = " << d << ", s = " << s << ", " << flow << ", " << l.type);
    } catch (const mfv::input_error& e) {
        const std::string message = e.what();
        BOOST_TEST_MESSAGE(message);
        BOOST_TEST(message.find("reference.type \"exact\"") != std::string::npos);
        for (const char* f : fragments)
            BOOST_TEST(message.find(f) != std::string::npos, "missing \"" << f << "\" in: " << message);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(gradient_flow_choices)
{
    BOOST_TEST(chosen(2, 0.0, "gradient", 0.0, law("uniform_ball")) == "expanding_ball");
    BOOST_TEST(chosen(3, 1.0, "gradient", 0.0, law("uniform_ball")) == "expanding_ball");
    for (auto [d, s] : {std::pair{1, 0.5}, {2, 0.5}, {2, 1.0}, {2, 1.5}, {3, 1.5}, {3, 2.0}, {3, 2.5}})
        BOOST_TEST(chosen(d, s, "gradient", 0.0, law("barenblatt")) == "barenblatt");
    // beta = 0 (s = d-2) is the uniform ball; d = 1, s = 0 (beta = 1/2) is the semicircle.
    BOOST_TEST(chosen(3, 1.0, "gradient", 0.0, law("barenblatt")) == "expanding_ball");
    BOOST_TEST(chosen(2, 0.0, "gradient", 0.0, law("barenblatt")) == "expanding_ball");
    BOOST_TEST(chosen(1, 0.0, "gradient", 0.0, law("barenblatt")) == "semicircle");
    BOOST_TEST(chosen(1, 0.0, "gradient", 0.0, law("semicircle")) == "semicircle");
}

BOOST_AUTO_TEST_CASE(newton_flow_choices)
{
    // The uniform ball under the Newton flow (newton_ball.hpp), d = 2 log and d = 3, at rest or
    // with u0 = a x.
    BOOST_TEST(chosen(3, 1.0, "newton", 0.0, law("uniform_ball")) == "newton_ball");
    law_spec moving = law("uniform_ball");
    moving.velocity = {"linear", -0.5};
    BOOST_TEST(chosen(2, 0.0, "newton", 0.0, moving) == "newton_ball");
}

BOOST_AUTO_TEST_CASE(conservative_flow_choices)
{
    BOOST_TEST(chosen(2, 0.0, "conservative", 0.0, law("uniform_ball")) == "rankine_vortex");
    BOOST_TEST(chosen(2, 0.0, "conservative", 0.0, law("gaussian")) == "lamb_oseen");
    BOOST_TEST(chosen(2, 0.0, "conservative", 0.25, law("gaussian")) == "lamb_oseen");
}

BOOST_AUTO_TEST_CASE(law_parameters_reach_the_reference)
{
    // law.radius is R0, law.sigma is sigma0, theta the noise; mass 1 everywhere.
    const auto ball = make_exact_reference(riesz_kernel(3, 1.0), "gradient", 0.0, law("uniform_ball", 0.6));
    BOOST_TEST(dynamic_cast<const mfv::meanfield::expanding_ball&>(*ball).radius(0.0) == 0.6, tt::tolerance(1e-15));
    const auto b = make_exact_reference(riesz_kernel(2, 1.5), "gradient", 0.0, law("barenblatt", 1.7));
    BOOST_TEST(dynamic_cast<const mfv::meanfield::barenblatt&>(*b).radius(0.0) == 1.7, tt::tolerance(1e-15));
    const auto sc = make_exact_reference(riesz_kernel(1, 0.0), "gradient", 0.0, law("semicircle", 2.0));
    BOOST_TEST(sc->support_radius(0.0) == 2.0, tt::tolerance(1e-15));
    const auto rv = make_exact_reference(riesz_kernel(2, 0.0), "conservative", 0.0, law("uniform_ball", 0.8));
    BOOST_TEST(rv->support_radius(5.0) == 0.8);
    const auto lo = make_exact_reference(riesz_kernel(2, 0.0), "conservative", 0.25, law("gaussian", 1.0, 0.5));
    const auto& oseen = dynamic_cast<const mfv::meanfield::lamb_oseen&>(*lo);
    BOOST_TEST(oseen.variance(0.0) == 0.25, tt::tolerance(1e-15));
    BOOST_TEST(oseen.theta() == 0.25);
    for (const auto* ref : {ball.get(), b.get(), sc.get(), rv.get(), lo.get()}) BOOST_TEST(ref->mass() == 1.0);
    BOOST_TEST(std::isinf(lo->support_radius(0.0)));
}

BOOST_AUTO_TEST_CASE(combinations_without_exact_solutions_are_refused)
{
    // Gradient flow: uniform balls only for Coulomb; no noise; Barenblatt needs s >= d-2;
    // semicircle only for the 1D log gas; Gaussians are not exact.
    check_refused(3, 1.5, "gradient", 0.0, law("uniform_ball"),
                  {"uniform_ball with s = 1.5 in d = 3", "exact only for Coulomb", "\"barenblatt\""});
    check_refused(3, 0.5, "gradient", 0.0, law("uniform_ball"), {"exact only for Coulomb", "numerical reference"});
    check_refused(1, 0.0, "gradient", 0.0, law("uniform_ball"), {"\"semicircle\""});
    check_refused(3, 1.0, "gradient", 0.1, law("uniform_ball"), {"theta = 0.1", "only for theta = 0"});
    check_refused(3, 0.5, "gradient", 0.0, law("barenblatt"), {"d-2 <= s < d", "s < d-2"});
    check_refused(2, 1.0, "gradient", 0.0, law("semicircle"), {"1D log gas"});
    check_refused(2, 0.0, "gradient", 0.0, law("gaussian"), {"does not stay Gaussian"});
    // Conservative flow: 2D log only; the disk is not exact with noise.
    check_refused(3, 1.0, "conservative", 0.0, law("uniform_ball"), {"d = 2, log kernel"});
    check_refused(2, 1.0, "conservative", 0.0, law("gaussian"), {"d = 2, log kernel"});
    check_refused(2, 0.0, "conservative", 0.1, law("uniform_ball"),
                  {"Rankine vortex is exact only for theta = 0", "gaussian"});
    check_refused(2, 0.0, "conservative", 0.0, law("semicircle"), {"d = 1"});
    // Other flows, laws and noise values.
    // Newton: the monokinetic ball of Coulomb only, without noise; an unknown flow is named.
    check_refused(3, 0.5, "newton", 0.0, law("uniform_ball"), {"newton flow of a uniform_ball with s = 0.5", "only for Coulomb"});
    check_refused(3, 1.0, "newton", 0.0, law("gaussian"), {"newton flow of a gaussian"});
    check_refused(3, 1.0, "newton", 0.1, law("uniform_ball"), {"the newton flow has no noise"});
    check_refused(3, 1.0, "kinetic", 0.0, law("uniform_ball"), {"\"kinetic\" flow"});
    check_refused(3, 1.0, "gradient", 0.0, law("cube"), {"unknown initial.law.type \"cube\""});
    check_refused(3, 1.0, "gradient", -1.0, law("uniform_ball"), {"theta = -1"});
}

BOOST_AUTO_TEST_CASE(bad_law_parameters_are_refused)
{
    BOOST_CHECK_THROW(make_exact_reference(riesz_kernel(3, 1.0), "gradient", 0.0, law("uniform_ball", 0.0)),
                      mfv::input_error);
    BOOST_CHECK_THROW(make_exact_reference(riesz_kernel(2, 1.0), "gradient", 0.0, law("barenblatt", -2.0)),
                      mfv::input_error);
    BOOST_CHECK_THROW(make_exact_reference(riesz_kernel(2, 0.0), "conservative", 0.1, law("gaussian", 1.0, 0.0)),
                      mfv::input_error);
}
