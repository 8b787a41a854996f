#pragma once

#include <string>

namespace breakeven {

/// Whole numbers of requests are exact up to 2^53 in a double; scenarios stay below it.
inline constexpr double k_max_whole_requests = 9007199254740992.0;

/// Relative slack on an instance's capacity against rounding in its formula (0.7 x 730 x 3600
/// x ...). Relative, not absolute in requests or instances, so that two offerings whose
/// capacities are in a ratio of 2 keep their steps in exactly the same places.
inline constexpr double k_capacity_tolerance = 1e-12;

/// How many instances provisioned capacity needs:
/// `N(R) = max(min_instances, ceil(R / capacity))`, where `capacity` is the monthly traffic one
/// instance serves at the target utilisation and peak (`requests_per_instance`, taken
/// `k_capacity_tolerance` larger so that rounding in its formula cannot add an instance to a
/// workload of exactly three instances' worth).
struct InstanceModel {
  long long min_instances = 1;
  double requests_per_instance = 0; ///< 0: one step that never ends (min_instances)

  long long at(double requests) const;
  /// The largest whole request count `instances` instances serve: `floor(instances x capacity)`.
  double last_request_of(long long instances) const;
  /// `requests_per_instance x (1 + k_capacity_tolerance)`.
  double capacity() const;

  bool operator==(const InstanceModel&) const = default;
};

/// The expected number of instances busy on a service that bills an instance while it handles
/// at least one request and packs up to `concurrency` requests into one: with requests arriving
/// independently (Poisson) the requests in flight X are Poisson with mean `mean_in_flight`
/// (arrival rate x duration), and `ceil(X / C)` instances are busy, so the answer is
/// `E[ceil(X / C)]`. It is `m` for C = 1, `1 - exp(-m)` while requests rarely overlap, and
/// tends to `m / C + (C - 1) / (2C)` under heavy load. Increasing in m; exact to about 1e-15
/// relative (a direct sum of the Poisson probabilities or a Fourier series over the residues
/// mod C, whichever takes less work; the series above m = 700). `concurrency` must be at least 1.
double expected_busy_instances(double mean_in_flight, long long concurrency);

/// The least mean in flight from which expected_busy_instances takes the Fourier series rather
/// than the direct sum at `concurrency` (from 2): where the series' terms, each a few
/// transcendentals, cost less than the sum's. Found once for each concurrency and kept.
double fourier_series_from(long long concurrency);

/// How far `C E[ceil(X / C)]` can be from `m + (C - 1) / 2` for X Poisson with any mean m of at
/// least `mean_in_flight`: at most (C - 1) / 2 (the residue (-X) mod C lies in [0, C - 1]) and,
/// from the Fourier series of expected_busy_instances, at most the sum over t = 1..C-1 of
/// e^(-2 m sin^2(pi t / C)) / (2 sin(pi t / C)), which falls as m grows: under heavy load the
/// busy count lies within a hair of the line m / C + (C - 1) / (2C).
double busy_residue_bound(double mean_in_flight, long long concurrency);

/// The expected number of requests in flight that `limit` pre-started environments serve when
/// requests arrive independently: `E[min(X, N)]` with X ~ Poisson(`mean_in_flight`), the rest
/// (`E[(X - N)+]`) overflowing to on-demand environments. It is `m` while N is far above the
/// mean and N far below it; increasing in m. Exact to about 1e-15 relative.
double expected_capped_in_flight(double mean_in_flight, long long limit);

/// The expected number of a service's `minimum` kept-warm instances that are idle, when the
/// busy instances are ceil(X / C) as in expected_busy_instances: `E[(N - ceil(X / C))+]`. It is
/// N without traffic and falls towards 0 as the load grows past N x C in flight.
double expected_idle_instances(double mean_in_flight, long long concurrency, long long minimum);

/// Instances of a request-billed service busy on average, as a function of monthly requests:
/// `E[ceil(X / C)]` with X ~ Poisson(R x seconds_per_request / period_seconds).
///
/// A service that keeps an instance up for `linger_seconds` W after its last request (a
/// scale-down window) bills that idle time too. With requests arriving at rate L (Poisson),
/// the first instance goes idle L e^(-m) times a second (the rate at which no request is left
/// in flight) and each idle gap, exponential with mean 1 / L, bills E[min(gap, W)] =
/// (1 - e^(-L W)) / L: `e^(-m) (1 - e^(-L W))` instances on average. With the busy part, the
/// first instance is up 1 - e^(-L (s + W)) of the time: exact for one instance, and a lower
/// bound when several scale up and down (their own windows are not counted). Increasing in R.
struct BusyModel {
  double seconds_per_request = 0; ///< billed time of one request
  long long concurrency = 1;      ///< requests one instance serves at once
  double period_seconds = 0;      ///< the time the month's requests arrive over
  double linger_seconds = 0;      ///< an instance stays up (billed) this long after its last request
  /// Instances kept up whatever the traffic and billed like busy ones: the count is
  /// `E[max(N, ceil(X / C))]` (no idle tail: the first never scales down).
  long long min_instances = 0;

  double mean_in_flight(double requests) const { return requests * seconds_per_request / period_seconds; }
  double at(double requests) const;
  /// The most the count grows per request: (seconds_per_request + linger_seconds) / period.
  double max_growth_per_request() const { return (seconds_per_request + linger_seconds) / period_seconds; }

  bool operator==(const BusyModel&) const = default;
};

/// One pool of capacity an offering bills by the instance: provisioned instances sized for the
/// peak (a staircase), request-billed instances busy only while requests are in flight, or the
/// busy share of a fixed number of pre-started environments (provisioned concurrency), or the
/// idle share of a service's kept-warm minimum instances, which bills at an idle rate.
/// `weight` is the share of the month it runs, so that several pools (hours of a day, a
/// provisioned floor under an autoscaled top) add up to one average instance count.
struct CapacityPool {
  enum class Kind { provisioned, busy, capped, idle };
  Kind kind = Kind::provisioned;
  std::string label; ///< what one instance is, for notes ("m7g.large", "task", "m6i.large node")
  double weight = 1;
  InstanceModel provisioned; ///< for Kind::provisioned
  BusyModel busy;            ///< for Kind::busy, Kind::capped (concurrency 1) and Kind::idle
  long long limit = 0;       ///< Kind::capped: N in E[min(X, N)]; Kind::idle: the minimum instances

  /// Instances at `requests` a month: a whole count, or the expected busy count.
  double at(double requests) const;
  /// True when the count is a staircase (whole steps, flat between them).
  bool is_staircase() const { return kind == Kind::provisioned; }
  /// True when the pool counts idle instances, which idle meters bill (CostModel::idle_instances_at),
  /// not billed ones.
  bool is_idle() const { return kind == Kind::idle; }
};

} // namespace breakeven
