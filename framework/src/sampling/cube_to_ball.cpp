#include <mfv/sampling/cube_to_ball.hpp>

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <stdexcept>

namespace mfv::sampling {

namespace {

constexpr double pi = boost::math::constants::pi<double>();
constexpr double inv_sqrt2 = 0.70710678118654752440;

// d = 2, Shirley & Chiu's concentric map (header): the side |b| <= |a| of the square
// ring |u|_inf = |a| goes to the quarter circle of radius |a| proportionally to length.
void square_to_disk(const double* u, double* x) {
    const double a = u[0], b = u[1];
    if (a == 0.0 && b == 0.0) {
        x[0] = x[1] = 0.0;
    } else if (std::abs(b) <= std::abs(a)) {
        const double phi = (pi / 4) * (b / a);
        x[0] = a * std::cos(phi);
        x[1] = a * std::sin(phi);
    } else {
        const double phi = (pi / 4) * (a / b);
        x[0] = b * std::sin(phi);
        x[1] = b * std::cos(phi);
    }
}

void disk_to_square(const double* x, double* u) {
    const double p = x[0], q = x[1];
    const double r = std::hypot(p, q);
    if (r == 0.0) {
        u[0] = u[1] = 0.0;
    } else if (std::abs(q) <= std::abs(p)) {
        u[0] = std::copysign(r, p);
        u[1] = u[0] * (4 / pi) * std::atan(q / p);
    } else {
        u[1] = std::copysign(r, q);
        u[0] = u[1] * (4 / pi) * std::atan(p / q);
    }
}

// d = 3, the face map of the header on the triangle |v| <= 1 of a face: for the point at
// distance a in (0, 1] from the face centre along the half-axis e, with offset v a along
// the other axis f, returns the unit vector sin(theta) (cos(phi) e + sin(phi) f) +
// cos(theta) n, as the pair (sin theta cos phi, sin theta sin phi) and cos theta.
void face_triangle_to_sphere(double a, double v, double& along_e, double& along_f, double& along_n) {
    const double alpha = (pi / 12) * v;
    const double t = std::sin(alpha) / (std::cos(alpha) - inv_sqrt2);
    // 1 - cos theta = a^2 (1 - cos theta_max(phi)), cos theta_max = 1 / sqrt(2 + tan^2 phi).
    const double w = a * a * (1.0 - 1.0 / std::sqrt(2.0 + t * t));
    const double sin_theta = std::sqrt(w * (2.0 - w));
    const double cos_phi = 1.0 / std::sqrt(1.0 + t * t);
    along_e = sin_theta * cos_phi;
    along_f = sin_theta * t * cos_phi;
    along_n = 1.0 - w;
}

// Inverse of face_triangle_to_sphere from (along_e > 0, along_f, along_n) with
// |along_f| <= along_e: returns a and v.
void sphere_to_face_triangle(double along_e, double along_f, double along_n, double& a, double& v) {
    const double t = along_f / along_e;
    const double phi = std::atan(t);
    v = (12 / pi) * (phi - std::asin(std::sin(phi) * inv_sqrt2));
    // 1 - cos theta = sin^2 theta / (1 + cos theta), without cancellation near the centre.
    const double s2 = along_e * along_e + along_f * along_f;
    const double w = s2 / (1.0 + along_n);
    a = std::sqrt(w / (1.0 - 1.0 / std::sqrt(2.0 + t * t)));
}

void cube3_to_ball(const double* u, double* x) {
    int n = 0;
    for (int k = 1; k < 3; ++k)
        if (std::abs(u[k]) > std::abs(u[n])) n = k;
    const double rho = std::abs(u[n]);
    if (rho == 0.0) {
        x[0] = x[1] = x[2] = 0.0;
        return;
    }
    const int p = (n + 1) % 3, q = (n + 2) % 3;
    const double a = u[p] / rho, b = u[q] / rho;
    double y[3];
    if (a == 0.0 && b == 0.0) {
        y[p] = y[q] = 0.0;
        y[n] = 1.0;
    } else if (std::abs(b) <= std::abs(a)) {
        double e, f, c;
        face_triangle_to_sphere(std::abs(a), b / std::abs(a), e, f, c);
        y[p] = std::copysign(e, a);
        y[q] = f;
        y[n] = c;
    } else {
        double e, f, c;
        face_triangle_to_sphere(std::abs(b), a / std::abs(b), e, f, c);
        y[q] = std::copysign(e, b);
        y[p] = f;
        y[n] = c;
    }
    y[n] = std::copysign(y[n], u[n]);
    for (int k = 0; k < 3; ++k) x[k] = rho * y[k];
}

void ball3_to_cube(const double* x, double* u) {
    const double r = std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    if (r == 0.0) {
        u[0] = u[1] = u[2] = 0.0;
        return;
    }
    int n = 0;
    for (int k = 1; k < 3; ++k)
        if (std::abs(x[k]) > std::abs(x[n])) n = k;
    const int p = (n + 1) % 3, q = (n + 2) % 3;
    const double yp = x[p] / r, yq = x[q] / r, yn = std::abs(x[n]) / r;
    double a = 0.0, b = 0.0;
    if (yp == 0.0 && yq == 0.0) {
        a = b = 0.0;
    } else if (std::abs(yq) <= std::abs(yp)) {
        double m, v;
        sphere_to_face_triangle(std::abs(yp), yq, yn, m, v);
        a = std::copysign(m, yp);
        b = v * m;
    } else {
        double m, v;
        sphere_to_face_triangle(std::abs(yq), yp, yn, m, v);
        b = std::copysign(m, yq);
        a = v * m;
    }
    u[p] = r * a;
    u[q] = r * b;
    u[n] = std::copysign(r, x[n]);
}

}  // namespace

double cube_to_ball_jacobian(int d) {
    if (d == 1) return 1.0;
    if (d == 2) return pi / 4;
    if (d == 3) return pi / 6;
    throw std::invalid_argument("cube_to_ball: d must be 1, 2 or 3");
}

void cube_to_ball(int d, const double* u, double* x) {
    if (d == 1) x[0] = u[0];
    else if (d == 2) square_to_disk(u, x);
    else if (d == 3) cube3_to_ball(u, x);
    else throw std::invalid_argument("cube_to_ball: d must be 1, 2 or 3");
}

void ball_to_cube(int d, const double* x, double* u) {
    if (d == 1) u[0] = x[0];
    else if (d == 2) disk_to_square(x, u);
    else if (d == 3) ball3_to_cube(x, u);
    else throw std::invalid_argument("ball_to_cube: d must be 1, 2 or 3");
}

}  // namespace mfv::sampling
