#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// A month is 730 hours unless told (AWS, Infracost and most calculators use it; 720 is a
/// 30-day month).
inline constexpr double k_hours_per_month = 730.0;
/// Provisioned capacity is sized to run at this share of its CPU at peak unless told otherwise.
inline constexpr double k_default_utilization = 0.7;
inline constexpr double k_default_duration_ms = 100.0;
inline constexpr double k_default_memory_mb = 512.0;
/// A function gets CPU in proportion to its memory: one vCPU at 1,769 MB (AWS Lambda,
/// "Configure Lambda function memory", docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
inline constexpr double k_memory_mb_per_vcpu = 1769.0;
/// How long an idle function environment is kept before it is reclaimed, unless told: AWS calls
/// it "non-deterministic"; measured at 10 minutes after the last request (M. Shilkov, 2019,
/// mikhail.io/2019/08/aws-lambda-cold-starts-after-10-minutes/).
inline constexpr double k_default_keep_warm_minutes = 10.0;
/// Requests sent over one client connection (keep-alive) unless told: 1, every request opens
/// a new connection, the most a load balancer can bill for its traffic.
inline constexpr double k_default_requests_per_connection = 1.0;

/// How provisioned capacity follows a traffic profile: sized once for the busiest hour and run
/// all the time, or sized hour by hour.
enum class Scaling { fixed, autoscaled };

/// A numeric field known only within a range: `--requests 10M..50M` on the command line,
/// `{"low": 1e7, "expected": 3e7, "high": 5e7}` in a file. The scenario's own value of the
/// field is `expected` (the midpoint when not given), so that every command works as before at
/// it; `compare`, `crossover` and `check` also look at the ends (see ranges.hpp).
struct ScenarioRange {
  std::string key; ///< the scenario key ("duration_ms")
  double low = 0;
  double expected = 0;
  double high = 0;

  bool operator==(const ScenarioRange&) const = default;
};

/// A workload but for its name, its traffic and which keys were given: what scenarios that
/// differ only in traffic share (a batch's cost models are kept by it, CostModelCache).
struct ScenarioShape {
  double duration_ms = k_default_duration_ms; ///< average wall-clock time per request
  double memory_mb = k_default_memory_mb;     ///< memory of a function instance
  std::optional<double> cpu_ms;               ///< CPU time per request; see effective_cpu_ms()
  std::optional<double> rps_per_instance;     ///< measured capacity of one instance at the target utilisation
  double peak_to_average = 1.0;               ///< peak request rate / average request rate
  double utilization = k_default_utilization; ///< target CPU share of provisioned capacity at peak
  std::optional<int> min_instances;           ///< overrides each offering's HA minimum
  bool free_tier = true;
  /// Whether the workload tolerates capacity reclaimed at short notice (spot). False unless
  /// told: a request-serving workload does not.
  bool interruptible = false;
  /// The length of the month: what always-on capacity bills, and what converts a profile's
  /// rates to monthly counts.
  double month_hours = k_hours_per_month;
  /// When provisioned capacity runs (and traffic arrives): hours a month (the simple form), or
  /// a weekly schedule of hours a day from `start_hour` on the first `days_per_week` days
  /// (Monday first). Unset: all the time. See running_hours().
  std::optional<double> hours_per_month;
  std::optional<int> hours_per_day;
  std::optional<int> days_per_week;
  int start_hour = 0;
  std::optional<double> task_vcpu; ///< container task size; offering default when unset
  std::optional<double> task_memory_mb;
  std::optional<double> ephemeral_storage_gb; ///< per instance; the included amount when unset
  std::optional<double> concurrency;          ///< requests sharing one request-billed instance
  double response_kb = 0.0;                   ///< average response size sent to the internet
  /// Data sent to the internet a month besides the responses (`response_kb`): the two add up,
  /// priced together on each provider's own egress tiers.
  double egress_gb_per_month = 0.0;
  /// Data processed by the NAT gateways an offering has or is given, in total.
  double nat_gb_per_month = 0.0;
  /// Burstable instances in unlimited mode: vCPU-hours a month above the baseline, in total,
  /// billed at the surplus-credit price; unset, they follow from the load and the baselines.
  std::optional<double> cpu_credit_hours;
  /// The volume of each VM and each Kubernetes node (GB): each cluster's own size, and each VM's
  /// root volume (the rate table's vm_root_volume), when unset.
  std::optional<double> disk_gb;
  /// The volume type of each VM and node ("gp2"): the provider's volume component whose id ends
  /// in it; each offering's own when unset or when its provider has no such type.
  std::optional<std::string> disk_type;
  double request_kb = 0.0; ///< average request size (load-balancer processed bytes)
  double requests_per_connection = k_default_requests_per_connection; ///< keep-alive reuse
  std::optional<std::string> node_type;                               ///< VM offering id for Kubernetes nodes
  std::vector<std::string> addons;                                    ///< component ids attached (API gateway, ...)
  /// Components counted by the user: an offering's own (ALB, NAT gateways, node volumes) or
  /// added; a count of 0 removes one. Key `components`: `{"aws.nat_gateway": 1}`.
  std::vector<std::pair<std::string, int>> components;
  /// Traffic per hour of a day (24 values) or a week (168), relative or in requests per second:
  /// its shape spreads the month's requests over the hours. Empty: flat traffic.
  std::vector<double> profile;
  /// How provisioned options follow the profile; each kind's default when unset.
  std::optional<Scaling> scaling;
  /// The most instances an autoscaled option may run; an hour that needs more makes it
  /// infeasible for the profile.
  std::optional<int> max_instances;
  /// Functions: environments kept initialised (AWS Lambda provisioned concurrency) for
  /// `provisioned_hours` a month (default: the running hours), serving `provisioned_share` of
  /// the requests (default: what the load model gives, E[min(X, N)] in flight).
  std::optional<int> provisioned_concurrency;
  std::optional<double> provisioned_hours;
  std::optional<double> provisioned_share;
  /// Functions: the share of requests that start a new environment (default: estimated from
  /// the traffic and `keep_warm_minutes`), and the INIT time each start bills.
  std::optional<double> cold_start_share;
  std::optional<double> init_ms;
  std::optional<double> keep_warm_minutes;
  /// Engineer-hours a month to operate an offering of each kind (`{"kubernetes": 20}`), priced
  /// at `hourly_rate` on every offering of that kind, whatever its provider. None invented: a
  /// kind without hours has no engineering time, and an assumption line says so.
  std::vector<std::pair<std::string, double>> ops_hours;
  std::optional<double> hourly_rate; ///< dollars per engineer-hour
  /// The share of requests that are static assets (files served as they are), free where the
  /// offering serves them free (Cloudflare Workers static assets).
  double static_share = 0;
  /// GPU offerings (GPU VMs and serverless GPU): the time one request holds a GPU, shared by
  /// `batch_size` requests at once (default: duration_ms and 1). A GPU serves batch_size
  /// requests per gpu_ms; a serverless GPU container is billed while it holds any.
  std::optional<double> gpu_ms;
  std::optional<int> batch_size;
  /// Serverless containers billed while up: how long one stays up after its last request
  /// (default: the offering's, from its rate table).
  std::optional<double> scale_down_window_s;
  /// Numeric fields given as ranges, in the order given; each field's value above is the
  /// range's expected value. Empty: every field is one number.
  std::vector<ScenarioRange> ranges;

  /// Every field the same.
  bool operator==(const ScenarioShape&) const = default;
};

/// A workload, per month. Everything a cost depends on besides the prices.
struct Scenario : ScenarioShape {
  std::string name;
  /// Requests per month, when given directly.
  std::optional<double> requests_per_month;
  /// Average requests per second over the hours capacity runs, when given instead.
  std::optional<double> rps;
  /// The scenario keys the user gave (file or flags); the rest are defaults, shown as assumed.
  std::vector<std::string> given;

  /// The range of field `key`, or nullptr when it is one number.
  const ScenarioRange* find_range(std::string_view key) const;

  /// True when the user gave `key`.
  bool is_given(std::string_view key) const;
  /// CPU time per request: `cpu_ms` when given, else what the measured duration implies on a
  /// function of `memory_mb`: `duration_ms x min(1, memory_mb / 1769)` (one vCPU at 1,769 MB),
  /// at most the duration.
  double effective_cpu_ms() const;
  /// Requests per month, from `requests_per_month`, from `rps`, or from the profile's rates
  /// (0 when none is set).
  double requests() const;
  /// Each profile hour's share of the month's requests (empty without a profile).
  std::vector<double> profile_shares() const;
  /// The busiest rate over the average rate of the running hours: the profile's busiest hour,
  /// or peak_to_average.
  double peak_factor() const;
  /// Average requests per second over the hours capacity runs.
  double average_rps() const { return requests() / (running_hours() * 3600.0); }
  /// Hours a month provisioned capacity runs: `hours_per_month`, or the weekly schedule
  /// `month_hours x hours_per_day / 24 x days_per_week / 7`, or the whole month.
  double running_hours() const;
  /// True when the schedule runs capacity in hour `hour` of a week (0 is Monday 00:00).
  bool runs_in_hour(std::size_t hour) const;
  /// True when capacity does not run the whole month.
  bool has_schedule() const { return hours_per_month || hours_per_day || days_per_week; }
  /// Every field the same, the given keys in the same order.
  bool operator==(const Scenario&) const = default;
};

/// The scenario keys a file may use, in documentation order.
std::vector<std::string> scenario_keys();

/// What is wrong with `value` for scenario field `key` (`"must be greater than 0"`), or nothing.
/// The one place field ranges are decided, shared by the file loader and the CLI flags.
std::optional<std::string> scenario_field_problem(std::string_view key, double value);

/// Parses one scenario object from JSON text. Unknown keys are errors with a did-you-mean.
/// Example: `parse_scenario(R"({"requests_per_month": 3e6, "duration_ms": 120})", "api.json")`.
Scenario parse_scenario(std::string_view json_text, const std::string& source_name);

/// Applies one `key`/`value` as the CLI would (`--memory-mb 512` is `("memory_mb", 512)`),
/// checking the value; `source` names the flag in errors. Throws `Error`.
void set_scenario_field(Scenario& scenario, std::string_view key, double value, const std::string& source);

/// True when numeric scenario field `key` is a count (whole numbers only: min_instances, batch_size, ...).
bool scenario_field_is_whole(std::string_view key);

/// What is wrong with a range for scenario field `key`: an end outside the field's range
/// (scenario_field_problem, prefixed `low: `, `expected: ` or `high: `), or ends out of order; or
/// nothing.
std::optional<std::string> scenario_range_problem(std::string_view key, double low, double expected, double high);

/// Gives scenario field `key` as a range (`--requests 10M..50M`): checks each end as
/// set_scenario_field would and that low <= expected <= high, then sets the field to `expected`
/// (default: the midpoint, rounded to a whole number for counts) and records the range. A later
/// set_scenario_field of the same key drops it. Throws `Error` naming `source`.
/// Example: `set_scenario_range(s, "requests_per_month", 1e7, std::nullopt, 5e7, "--requests")`.
void set_scenario_range(Scenario& scenario, std::string_view key, double low, std::optional<double> expected,
                        double high, const std::string& source);

/// Reads scenarios one at a time from text that is either one JSON object (over any number of
/// lines) or JSON Lines (one object per line, blank lines skipped). Reads as it goes, so a
/// million lines take no more memory than one.
/// Example: `ScenarioStream in(std::cin, "<stdin>"); while (auto s = in.next()) { ... }`
class ScenarioStream {
public:
  ScenarioStream(std::istream& in, std::string source_name);

  /// One record's text as read, not yet parsed: what next() reads before parse() (so the
  /// parsing can be done elsewhere, on another thread).
  struct Record {
    std::string text;
    std::size_t line = 0; ///< the line it is on (its first line for the whole input)
    bool whole = false;   ///< the whole input, one object over several lines
  };

  /// The next scenario, or nothing at the end of the input. A bad record throws `Error` whose
  /// source names the line (`<stdin> line 7`); the stream can go on past it afterwards.
  std::optional<Scenario> next();

  /// Reads the next record's text into `record` (its buffer reused), or returns false at the end
  /// of the input. Throws `Error` for a line over the length limit, as next() does.
  bool next_record(Record& record);

  /// Parses a record next_record read into `out` (a default Scenario), as next() would; reads
  /// nothing of the stream, so several threads may parse records of one stream at once. Throws
  /// `Error` naming the line.
  void parse(const Record& record, Scenario& out) const;

  /// How many records have been read (good or bad).
  std::size_t records() const noexcept { return m_records; }
  /// True once the input turned out to hold more than one scenario.
  bool is_json_lines() const noexcept { return m_json_lines; }

private:
  std::istream* m_in;
  std::string m_source;
  Record m_record; // the record being read, its capacity kept from line to line
  std::size_t m_line = 0;
  std::size_t m_records = 0;
  bool m_json_lines = false;
  bool m_done = false;
};

/// Parses a compact profile, `4h@500,20h@5`: hours at a rate, in order, the hours adding up to
/// 24 (a day) or 168 (a week); returns one value per hour. Throws `Error` naming `source`.
std::vector<double> parse_profile(std::string_view text, const std::string& source);

/// Checks a profile: 24 or 168 finite values, none negative, not all 0. Throws `Error`.
void check_profile(const std::vector<double>& profile, const std::string& source);

/// "fixed" or "autoscaled".
std::string_view to_string(Scaling scaling);
std::optional<Scaling> parse_scaling(std::string_view text);

/// The most of one component a scenario may count.
inline constexpr int k_max_component_count = 1000;

/// Counts component `id` (`--component aws.nat_gateway=1`): 0 removes it from every offering
/// that includes it; a count above 0 replaces an offering's own count or adds the component.
void set_component_count(Scenario& scenario, const std::string& id, int count);

/// Sets the engineer-hours a month for offerings of `kind` (`--ops-hours kubernetes=20`):
/// `kind` is an offering kind (function, container-service, kubernetes, vm), hours from 0 to
/// 100,000. Throws `Error` naming `source`.
void set_ops_hours(Scenario& scenario, const std::string& kind, double hours, const std::string& source);

/// Checks what single fields cannot: that traffic is given at all, and check_consistent.
/// Throws `Error`.
void check_complete(const Scenario& scenario, const std::string& source_name);

/// Checks fields that exclude each other (a profile with peak_to_average or hours_per_month,
/// hours_per_month with a weekly schedule, hours_per_month above month_hours), at the
/// expected values and at every combination of the ends of the ranged fields these checks read.
/// Throws `Error`.
void check_consistent(const Scenario& scenario, const std::string& source_name);

} // namespace breakeven
