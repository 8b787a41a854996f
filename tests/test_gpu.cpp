// GPU offerings: a request holds one of a GPU's batch_size slots for gpu_ms; a serverless GPU
// bills its containers while they are up, including the scale-down window after their last
// request (BusyModel::linger_seconds), and a GPU VM serves batch_size requests per gpu_ms.

#include <breakeven/capacity.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/curve.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace breakeven;

namespace {

// A serverless GPU at $0.001 a GPU-second with a 60 s scale-down window, and a GPU VM with one
// GPU at $1 an hour.
Catalogue gpu_catalogue() {
  Catalogue catalogue;
  catalogue.add(parse_rate_table(R"({"schema_version": 1, "provider": "t", "currency": "USD", "as_of": "2026-11-27",
    "offerings": [
      {"id": "t.gpu-fn", "name": "serverless GPU", "kind": "function", "source": "test", "gpus": 1,
       "billing": {"scale_down_window_s": 60},
       "limits": {"max_duration_ms": 86400000},
       "charges": [{"name": "GPU time", "meter": "gpu_seconds", "unit_price": 0.001}]},
      {"id": "t.gpu-vm", "name": "GPU VM", "kind": "vm", "source": "test", "vcpu": 4, "memory_gb": 16, "gpus": 1,
       "charges": [{"name": "Instance", "meter": "instance_hours", "unit_price": 1.0}]}]})",
                                 "test.json"));
  catalogue.check_references();
  return catalogue;
}

double gpu_seconds_of(const Estimate& estimate) {
  for (const auto& item : estimate.line_items) {
    if (item.name == "GPU time") {
      return item.quantity;
    }
  }
  return -1;
}

// A brute-force autoscaler: Poisson arrivals at `rate` over `seconds`, each request holding a
// slot of a container for `service` seconds; a request goes to an up container with a free
// slot (the one started first), else a new container starts; a container stops `window`
// seconds after its last request ends. Returns the container-seconds billed.
double simulated_container_seconds(double rate, double service, long long slots, double window, double seconds,
                                   unsigned seed) {
  struct Container {
    std::vector<double> ends; // of the requests it holds
    double last_end = 0;
  };
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> gap(rate);
  std::vector<Container> up;
  double billed = 0;
  std::vector<double> starts;
  for (double t = gap(random); t < seconds; t += gap(random)) {
    // Stop the containers whose window has passed.
    for (std::size_t i = 0; i < up.size();) {
      auto& c = up[i];
      c.ends.erase(std::remove_if(c.ends.begin(), c.ends.end(), [t](double end) { return end <= t; }), c.ends.end());
      if (c.ends.empty() && c.last_end + window < t) {
        billed += c.last_end + window - starts[i];
        up.erase(up.begin() + static_cast<std::ptrdiff_t>(i));
        starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
    auto free = std::find_if(up.begin(), up.end(),
                             [slots](const Container& c) { return static_cast<long long>(c.ends.size()) < slots; });
    if (free == up.end()) {
      up.push_back({});
      starts.push_back(t);
      free = up.end() - 1;
    }
    free->ends.push_back(t + service);
    free->last_end = std::max(free->last_end, t + service);
  }
  for (std::size_t i = 0; i < up.size(); ++i) {
    billed += std::min(seconds, up[i].last_end + window) - starts[i];
  }
  return billed;
}

} // namespace

TEST_CASE("The scale-down window: the first container's up time matches a brute-force autoscaler") {
  // 0.01 requests a second of 0.5 s with a 60 s window: requests rarely overlap, so one
  // container is up 1 - e^(-rate (s + W)) of the time, 45.4%, not the 0.5% it is busy.
  const double seconds = 4e7;
  const double rate = 0.01;
  BusyModel model{0.5, 1, seconds, 60};
  double modelled = model.at(rate * seconds);
  CHECK(modelled == Approx(1 - std::exp(-rate * 60.5)).epsilon(1e-4));
  // Some container is up exactly when a request arrived in the last s + W seconds: the union
  // of [t, t + s + W] over about 400,000 Poisson arrivals.
  std::mt19937_64 random(42);
  std::exponential_distribution<double> gap(rate);
  double covered = 0;
  double until = 0;
  for (double t = gap(random); t < seconds; t += gap(random)) {
    covered += std::min(t + 60.5, seconds) - std::max(t, until);
    until = std::min(t + 60.5, seconds);
  }
  CHECK(covered / seconds == Approx(1 - std::exp(-rate * 60.5)).epsilon(3e-3));
  // All containers: the rare second one (a request arriving while the first is busy, 0.5% of
  // them) lingers too, which the model does not count: it is low, by less than 1%.
  double simulated = simulated_container_seconds(rate, 0.5, 1, 60, seconds, 42) / seconds;
  CHECK(simulated >= modelled * 0.997);
  CHECK(simulated <= modelled * 1.01);
}

TEST_CASE("The scale-down window is a lower bound when several containers scale up and down") {
  // 20 requests a second of 1 s, 8 at once per container: about 2.5 containers busy on average,
  // and each one that scales up lingers 30 s; the model counts only the first container's.
  const double seconds = 2e5;
  BusyModel model{1.0, 8, seconds, 30};
  double modelled = model.at(20 * seconds);
  double simulated = simulated_container_seconds(20, 1.0, 8, 30, seconds, 7) / seconds;
  BusyModel busy_only{1.0, 8, seconds, 0};
  CHECK(modelled >= busy_only.at(20 * seconds));
  CHECK(simulated >= modelled * 0.99);
}

TEST_CASE("Without a window and batching a serverless GPU bills each request's GPU time") {
  Catalogue catalogue = gpu_catalogue();
  Scenario scenario;
  scenario.requests_per_month = 1'000'000;
  scenario.duration_ms = 300;
  scenario.gpu_ms = 200;
  scenario.scale_down_window_s = 0;
  Estimate e = breakeven::estimate(catalogue, catalogue.get("t.gpu-fn"), scenario);
  // E[ceil(X / 1)] = m: 1M x 0.2 s = 200,000 GPU-seconds, $200.00.
  CHECK(gpu_seconds_of(e) == Approx(200'000).epsilon(1e-12));
  CHECK(*e.monthly_cost == Approx(200.0).epsilon(1e-12));
}

TEST_CASE("A request an hour keeps a serverless GPU up for its window too") {
  Catalogue catalogue = gpu_catalogue();
  Scenario scenario;
  scenario.requests_per_month = 730; // one an hour over 730 h
  scenario.duration_ms = 2000;
  Estimate e = breakeven::estimate(catalogue, catalogue.get("t.gpu-fn"), scenario);
  // Each request bills about its 2 s and the 60 s after it: the model gives
  // 730 x 3600 x (m + e^(-m)(1 - e^(-60/3600))) with m = 2/3600.
  double m = 2.0 / 3600;
  double expected = 730 * 3600 * (m + std::exp(-m) * (1 - std::exp(-60.0 / 3600)));
  CHECK(gpu_seconds_of(e) == Approx(expected).epsilon(1e-9));
  CHECK(gpu_seconds_of(e) == Approx(730 * 62).epsilon(0.01));
  bool assumed = std::any_of(e.assumptions.begin(), e.assumptions.end(),
                             [](const Assumption& a) { return a.field == "scale_down_window_s" && a.value == "60 s"; });
  CHECK(assumed);
}

TEST_CASE("A GPU VM serves batch_size requests per gpu_ms on each GPU") {
  Catalogue catalogue = gpu_catalogue();
  Scenario scenario;
  scenario.duration_ms = 300;
  scenario.gpu_ms = 120;
  scenario.batch_size = 8;
  scenario.requests_per_month = 1;
  CostModel model = build_cost_model(catalogue, catalogue.get("t.gpu-vm"), scenario);
  // 8 / 0.12 s = 66.7 req/s a GPU, 46.7 at 70%: 122.64M requests in 730 h.
  double capacity = 8 / 0.12 * 0.7 * 730 * 3600;
  REQUIRE(model.pools.size() == 1);
  CHECK(model.pools.front().provisioned.requests_per_instance == Approx(capacity).epsilon(1e-12));
  CHECK(model.instances_at(std::floor(capacity)) == 1);
  CHECK(model.instances_at(std::floor(capacity) + 2) == 2);
}

TEST_CASE("Serverless GPU against a GPU VM: the window decides the first crossing, and both sides hold") {
  Catalogue catalogue = gpu_catalogue();
  Scenario scenario;
  scenario.duration_ms = 300;
  scenario.gpu_ms = 120;
  scenario.batch_size = 8;
  CostCurve fn(build_cost_model(catalogue, catalogue.get("t.gpu-fn"), scenario));
  CostCurve vm(build_cost_model(catalogue, catalogue.get("t.gpu-vm"), scenario));
  // The VM costs $730 a month; the function reaches it when its first container is up
  // 730 / (730 x 3600 x 0.001) = 27.8% of the time: 1 - e^(-rate x 60.12) = 0.2778 at
  // rate 0.00542/s, 14,250 requests a month.
  CrossoverResult result = find_crossings(fn, vm, 0, 1e9, 730);
  REQUIRE_FALSE(result.crossings.empty());
  double rate = -std::log(1 - 1 / 3.6) / 60.12;
  CHECK(result.crossings.front().requests_per_month == Approx(rate * 730 * 3600).epsilon(1e-3));
  test::check_crossing_invariants(fn, vm, result);
  // Cost never falls, also where the window's tail gives way to busy containers.
  double previous = 0;
  for (double r = 0; r < 2e8; r = r * 1.01 + 1000) {
    double cost = fn.at(r);
    CHECK(cost >= previous);
    previous = cost;
  }
}

TEST_CASE("Long jobs: a run past a function's limit is infeasible there, with the reason") {
  const Catalogue& catalogue = test::bundled();
  Scenario scenario;
  scenario.requests_per_month = 30;
  scenario.duration_ms = 2 * 3600 * 1000; // two hours of GPU per job
  scenario.memory_mb = 16384;
  CostModel lambda = build_cost_model(catalogue, catalogue.get("aws.lambda.x86"), scenario);
  REQUIRE_FALSE(lambda.feasible());
  CHECK(lambda.infeasible_reasons.front() == "a request runs 120 min; the limit is 15 min");
  CostModel modal = build_cost_model(catalogue, catalogue.get("modal.l4"), scenario);
  CHECK(modal.feasible());
  scenario.duration_ms = 25 * 3600 * 1000;
  CHECK_FALSE(build_cost_model(catalogue, catalogue.get("modal.l4"), scenario).feasible());
}

TEST_CASE("Kept-warm containers billed like busy ones: E[max(N, ceil(X / C))], never falling") {
  const double period = 730 * 3600.0;
  for (long long n : {1LL, 3LL}) {
    for (long long c : {1LL, 4LL}) {
      BusyModel model{0.5, c, period, 60, n};
      CHECK(model.at(0) == static_cast<double>(n));
      double previous = 0;
      for (double r = 1; r < 3e9; r *= 1.7) { // m up to 570: exp(-m) stays a normal double
        double m = r * 0.5 / period;
        // The expectation summed directly over the Poisson probabilities.
        double p = std::exp(-m);
        double expected = p * static_cast<double>(n);
        for (long long k = 1; k < 100000 && (static_cast<double>(k) < m || p > 1e-30); ++k) {
          p *= m / static_cast<double>(k);
          expected += p * static_cast<double>(std::max(n, (k + c - 1) / c));
        }
        INFO("n " << n << " c " << c << " requests " << r);
        CHECK(model.at(r) == Approx(expected).epsilon(1e-9));
        CHECK(model.at(r) >= previous);
        previous = model.at(r);
      }
    }
  }
}

TEST_CASE("Kept-warm containers with more than 700 requests in flight never cost less for more traffic") {
  // Found by fuzzing: 6 kept warm, batches of 152, about 800 in flight; the count is 6 plus a
  // tail 1e-13 of it, which a difference of large expectations turned to noise.
  const double period = 744 * 3600.0;
  BusyModel model{0.1, 152, period, 375, 6};
  double r = 2.8e9 * 10; // mean in flight near 940, just above N C = 912
  double previous = model.at(r);
  for (int i = 1; i < 2000; ++i) {
    double next = model.at(r + i * 10.0);
    REQUIRE(next >= previous);
    previous = next;
  }
  // Across the switch from the tail sum to the expectations (m = N C = 912).
  double below = model.at(911.999 * period / 0.1);
  for (double m = 911.999; m < 912.001; m += 1e-5) {
    double at = model.at(m * period / 0.1);
    REQUIRE(at >= below);
    below = at;
  }
  for (double m : {701.0, 800.0, 900.0, 912.0, 950.0, 2000.0}) {
    INFO("mean in flight " << m);
    double requests = m * period / 0.1;
    CHECK(model.at(requests * (1 + 1e-12)) >= model.at(requests));
    CHECK(model.at(requests) >= 6);
  }
}

TEST_CASE("Kept-warm and lingering containers below 700 in flight: the cheaper series, exact and never falling") {
  // Past N C requests in flight and where the Fourier series takes less work than the direct
  // sum (from about 7 in flight at C = 1, 50 at C = 10), the count beyond the base is
  // E[ceil(X / C)] - N + E[(N - ceil(X / C))+]; against a long double sum of the definition,
  // and across the switch at m = N C.
  const double period = 730 * 3600.0;
  auto reference = [](double m, long long c, long long n, double base) {
    long double p = std::exp(-static_cast<long double>(m));
    long double sum = 0;
    for (double k = 1; k <= m + 15 * std::sqrt(m) + 30; k += 1) {
      p *= static_cast<long double>(m) / k;
      sum += p * std::max(0.0, std::ceil(k / static_cast<double>(c)) - static_cast<double>(n));
    }
    return base + static_cast<double>(sum);
  };
  struct Case {
    long long c;
    long long n; // kept warm; 0: a 60 s scale-down window, the first container's (offset 1)
  };
  for (Case k : {Case{1, 0}, Case{1, 5}, Case{10, 0}, Case{10, 3}, Case{80, 2}, Case{80, 0}}) {
    BusyModel model{0.1, k.c, period, k.n > 0 ? 0.0 : 60.0, k.n};
    auto requests_at = [&](double m) { return m * period / 0.1; };
    double offset = k.n > 0 ? static_cast<double>(k.n) : 1.0;
    for (double m = 0.5; m <= 700; m *= 1.05) {
      double r = requests_at(m);
      double base = k.n > 0 ? offset : -std::expm1(-r / period * 60.1);
      INFO("C " << k.c << " N " << k.n << " m " << m);
      CHECK(std::fabs(model.at(r) - reference(m, k.c, static_cast<long long>(offset), base)) <= 1e-13 * model.at(r));
    }
    double switch_at = offset * static_cast<double>(k.c);
    double previous = model.at(requests_at(switch_at * (1 - 1e-6)));
    for (double m = switch_at * (1 - 1e-6); m < switch_at * (1 + 1e-6); m += switch_at * 1e-9) {
      double at = model.at(requests_at(m));
      INFO("C " << k.c << " N " << k.n << " m " << m);
      REQUIRE(at >= previous);
      previous = at;
    }
  }
}
