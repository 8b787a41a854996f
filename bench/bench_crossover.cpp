// Benchmarks (Google Benchmark). Build with the `release` preset and -DBREAKEVEN_BUILD_BENCH=ON;
// run build/release/bench/breakeven_bench. Numbers go in README's performance section.

#include <breakeven/analysis.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/crossover.hpp>
#include <breakeven/render.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

using namespace breakeven;

namespace {

// A line against a staircase of one-vCPU VMs, with a million steps between 0 and `to`.
struct MillionSteps {
  Catalogue catalogue;
  Scenario scenario;
  double to = 0;

  // `free_share`: the line's free tier as a share of one instance's requests, which shifts the
  // line right by that much (below the stairs' lower envelope by that share of a step).
  explicit MillionSteps(double slope_ratio, double free_share = 0, double steps = 1e6) {
    constexpr double k_requests_per_instance = 1e6;
    constexpr double k_instance_month = 100;
    catalogue.add(parse_rate_table(
        fmt::format(R"({{"schema_version": 1, "provider": "b", "currency": "USD", "as_of": "2026-11-26",
          "offerings": [
            {{"id": "b.fn", "name": "line", "kind": "function", "source": "bench",
              "charges": [{{"name": "Requests", "meter": "requests", "unit_price": {}, "free_tier": {}}}]}},
            {{"id": "b.vm", "name": "stairs", "kind": "vm", "source": "bench", "vcpu": 1, "memory_gb": 64,
              "min_instances": 3,
              "charges": [{{"name": "Instance", "meter": "instance_hours", "unit_price": {}}}]}}]}})",
                    slope_ratio * k_instance_month / k_requests_per_instance, free_share * k_requests_per_instance,
                    k_instance_month / 730.0),
        "bench.json"));
    scenario.utilization = 1;
    scenario.duration_ms = 730.0 * 3600.0 * 1000.0 / k_requests_per_instance;
    scenario.cpu_ms = scenario.duration_ms; // sized by the whole duration
    scenario.memory_mb = 128;
    to = steps * k_requests_per_instance;
  }
};

void run_million_steps(benchmark::State& state, double slope_ratio, double free_share = 0, double steps = 1e6) {
  MillionSteps setup(slope_ratio, free_share, steps);
  CostCurve line(build_cost_model(setup.catalogue, setup.catalogue.get("b.fn"), setup.scenario));
  CostCurve stairs(build_cost_model(setup.catalogue, setup.catalogue.get("b.vm"), setup.scenario));
  std::size_t crossings = 0;
  for (auto _ : state) {
    auto result = find_crossings(line, stairs, 0, setup.to, setup.scenario.running_hours());
    crossings = result.crossings.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["crossings"] = static_cast<double>(crossings);
}

// The usual shape: a line 30% steeper than the stairs' trend crosses near the HA floor and
// settles; a million steps lie in the range.
void crossover_line_vs_million_steps(benchmark::State& state) {
  run_million_steps(state, 1.3);
}
BENCHMARK(crossover_line_vs_million_steps)->Unit(benchmark::kMicrosecond);

// The worst case: a line almost parallel to the stairs crosses nearly every step, so the
// answer itself has over a million crossings.
void crossover_near_parallel_million_crossings(benchmark::State& state) {
  run_million_steps(state, 1.0000004);
}
BENCHMARK(crossover_near_parallel_million_crossings)->Unit(benchmark::kMillisecond);

// The slow case of a bound from the ends alone: a line a hair steeper than the stairs' trend,
// a thousandth of a step below the corners where each step starts, runs within that hair of
// the stairs for a million steps and crosses them only in the last few (10 crossings).
void crossover_near_parallel_ten_crossings(benchmark::State& state) {
  // At step k the line is above the corner when 1e-9 k > (1 + 1e-9) 1e-3: from k = 10^6 + 1 on,
  // two crossings a step; the range ends 5 steps later (the free tier is a whole 1,000 requests).
  run_million_steps(state, 1 + 1e-9, 1e-3, 1e6 + 6);
}
BENCHMARK(crossover_near_parallel_ten_crossings)->Unit(benchmark::kMillisecond);

// Two staircases of the same slope tie at every other step (m7g.xlarge is twice m7g.large in
// price and vCPUs): at 1 s of CPU a request, 2.7 million steps up to 10^13 requests.
void crossover_tying_staircases(benchmark::State& state) {
  Catalogue catalogue = Catalogue::bundled();
  Scenario scenario;
  scenario.duration_ms = 1000;
  scenario.cpu_ms = 1000;
  CostCurve large(build_cost_model(catalogue, catalogue.get("aws.ec2.m7g.large"), scenario));
  CostCurve xlarge(build_cost_model(catalogue, catalogue.get("aws.ec2.m7g.xlarge"), scenario));
  for (auto _ : state) {
    auto result = find_crossings(large, xlarge, 0, 1e13, scenario.running_hours());
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(crossover_tying_staircases)->Unit(benchmark::kMillisecond);

// Two bundled offerings' crossings over [0, to], the number found as a counter.
void run_bundled_pair(benchmark::State& state, const char* a_id, const char* b_id, const Scenario& scenario,
                      double to) {
  Catalogue catalogue = Catalogue::bundled();
  CostCurve a(build_cost_model(catalogue, catalogue.get(a_id), scenario));
  CostCurve b(build_cost_model(catalogue, catalogue.get(b_id), scenario));
  std::size_t crossings = 0;
  for (auto _ : state) {
    auto result = find_crossings(a, b, 0, to, scenario.running_hours());
    crossings = result.crossings.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["crossings"] = static_cast<double>(crossings);
}

// Two VMs of one size from two providers (m7g.large and GKE's e2-standard-2 nodes, 2 vCPUs
// each) step at the same requests and cost within a step of each other for thousands of
// steps; one crossing at the default 100 ms, 0-10^13.
void crossover_same_size_staircases(benchmark::State& state) {
  run_bundled_pair(state, "aws.ec2.m7g.large", "gcp.gke", Scenario{}, 1e13);
}
BENCHMARK(crossover_same_size_staircases)->Unit(benchmark::kMillisecond);

// One evaluation of a busy-instance curve (Cloud Run at its default concurrency of 80): the
// Poisson sum at light load, the Fourier series at heavy load.
void busy_instances_cost_at(benchmark::State& state) {
  Catalogue catalogue = Catalogue::bundled();
  Scenario scenario;
  scenario.duration_ms = 120;
  CostCurve run(build_cost_model(catalogue, catalogue.get("gcp.cloudrun"), scenario));
  double requests = static_cast<double>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(run.at(requests));
  }
}
BENCHMARK(busy_instances_cost_at)->Arg(50'000'000)->Arg(10'000'000'000)->Unit(benchmark::kNanosecond);

// A curve that bends everywhere against a staircase over the widest range: the solver halves
// intervals the monotone bound cannot settle.
void crossover_busy_instances_vs_staircase(benchmark::State& state) {
  Scenario scenario;
  scenario.duration_ms = 120;
  run_bundled_pair(state, "gcp.cloudrun", "aws.ec2.m7g.large", scenario, 1e13);
}
BENCHMARK(crossover_busy_instances_vs_staircase)->Unit(benchmark::kMillisecond);

// The non-linear curves of the load model against a VM, each over 0-5x10^10 at the default 100 ms
// and 512 MB: busy instances (Container Apps at concurrency 10 tracks a d2s_v5's steps, 140
// crossings), kept-warm instances whose idle share bills at an idle rate (Cloud Run with two
// kept warm), and containers that linger after their last request (a Modal T4, 60 s, against a g4dn.xlarge).
void run_load_model_pair(benchmark::State& state, const char* smooth, const char* vm, long long min_instances) {
  Scenario scenario;
  if (min_instances > 0) {
    scenario.min_instances = min_instances;
  }
  run_bundled_pair(state, smooth, vm, scenario, 5e10);
}
void crossover_busy_container_apps_vs_vm(benchmark::State& state) {
  run_load_model_pair(state, "azure.containerapps", "azure.vm.d2s_v5", 0);
}
BENCHMARK(crossover_busy_container_apps_vs_vm)->Unit(benchmark::kMillisecond);
void crossover_kept_warm_cloud_run_vs_vm(benchmark::State& state) {
  run_load_model_pair(state, "gcp.cloudrun", "gcp.gce.e2-standard-2", 2);
}
BENCHMARK(crossover_kept_warm_cloud_run_vs_vm)->Unit(benchmark::kMillisecond);
void crossover_lingering_modal_vs_vm(benchmark::State& state) {
  run_load_model_pair(state, "modal.t4", "aws.ec2.g4dn.xlarge", 0);
}
BENCHMARK(crossover_lingering_modal_vs_vm)->Unit(benchmark::kMillisecond);

void crossover_all_pairs_of_bundled_catalogue(benchmark::State& state) {
  Catalogue catalogue = Catalogue::bundled();
  std::vector<const Offering*> all;
  for (const auto& offering : catalogue.offerings()) {
    all.push_back(&offering);
  }
  Scenario scenario;
  scenario.duration_ms = 120;
  scenario.cpu_ms = 20;
  std::size_t pairs = 0;
  for (auto _ : state) {
    auto report = crossover(catalogue, all, scenario, 0.0, 1e10);
    pairs = report.pairs.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(crossover_all_pairs_of_bundled_catalogue)->Unit(benchmark::kMillisecond);

// The cheapest offering over each range of traffic (curve's "cheapest by requests/month"), over
// curve's default range with two points, on one thread, searching only the pairs the ranges
// need (as `curve` does for a table): the envelope's pair searches and little else.
void run_cheapest_ranges(benchmark::State& state, bool whole_catalogue) {
  Catalogue catalogue = Catalogue::bundled();
  std::vector<std::string> all{"*"};
  auto offerings = whole_catalogue ? catalogue.select(all) : catalogue.defaults();
  Scenario scenario;
  std::size_t ranges = 0;
  for (auto _ : state) {
    auto samples = curve_samples(catalogue, offerings, scenario, std::nullopt, std::nullopt, 2, false,
                                 CurveCrossings::cheapest, 1);
    ranges = samples.report().cheapest.size();
    benchmark::DoNotOptimize(samples);
  }
  state.counters["ranges"] = static_cast<double>(ranges);
}
void cheapest_ranges_of_default_set(benchmark::State& state) {
  run_cheapest_ranges(state, false);
}
BENCHMARK(cheapest_ranges_of_default_set)->Unit(benchmark::kMillisecond);
void cheapest_ranges_of_catalogue(benchmark::State& state) {
  run_cheapest_ranges(state, true);
}
BENCHMARK(cheapest_ranges_of_catalogue)->Unit(benchmark::kMillisecond);

void curve_million_points_as_csv(benchmark::State& state) {
  Catalogue catalogue = Catalogue::bundled();
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "aws.eks"};
  auto offerings = catalogue.select(ids);
  Scenario scenario;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto report = curve(catalogue, offerings, scenario, 0.0, 1e10, 1'000'000, false);
    std::string csv = render_curve(report, Format::csv, {});
    bytes = csv.size();
    benchmark::DoNotOptimize(csv);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(curve_million_points_as_csv)->Unit(benchmark::kMillisecond);

void load_bundled_catalogue(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Catalogue::bundled());
  }
}
BENCHMARK(load_bundled_catalogue)->Unit(benchmark::kMicrosecond);

} // namespace
