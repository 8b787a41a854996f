#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// How an offering is deployed. Decides how a scenario is sized onto it.
enum class OfferingKind {
  function,          ///< FaaS: billed per request and per unit of active time (Lambda, Workers, Modal).
  container_service, ///< Serverless containers: request-billed (Cloud Run) or task-hours (Fargate).
  kubernetes,        ///< Managed cluster: control-plane fee, nodes and supporting infrastructure.
  vm,                ///< Instances billed per hour.
};

/// The JSON spelling of a kind: `function`, `container-service`, `kubernetes`, `vm`.
std::string_view to_string(OfferingKind kind);

/// How a platform isolates one customer's workload from others', weakest first: containers
/// sharing a host kernel, a sandbox (a user-space kernel such as gVisor, or a language
/// isolate), a hardware-virtualised microVM (Firecracker), a full VM on a hypervisor.
enum class IsolationLevel { shared_kernel, sandbox, microvm, hypervisor };
std::string_view to_string(IsolationLevel level);

/// What leaving a platform takes: its workload is an image that runs elsewhere (OCI or VM
/// image), or code written to the provider's triggers, SDK or runtime.
enum class Portability { image, provider_specific };
std::string_view to_string(Portability portability);

/// What a charge measures. Each meter's quantity follows from the scenario; see cost_model.hpp.
enum class Meter {
  requests,             ///< requests per month
  gb_seconds,           ///< active memory time: billed duration x billed memory (GB = 1024 MB)
  vcpu_seconds,         ///< active vCPU time of request-billed instances
  ghz_seconds,          ///< active CPU time weighted by clock (Cloud Functions 1st gen)
  cpu_ms,               ///< CPU milliseconds consumed (Cloudflare Workers)
  gpu_seconds,          ///< active GPU time, one GPU per request in flight
  ephemeral_gb_seconds, ///< ephemeral storage above the included amount, while active
  instance_hours,       ///< provisioned instances (VMs, cluster nodes) x hours
  vcpu_hours,           ///< provisioned task vCPUs x hours (Fargate)
  gb_hours,             ///< provisioned task memory x hours (Fargate)
  ephemeral_gb_hours,   ///< provisioned ephemeral storage above the included amount x hours
  hours,                ///< a fixed hourly fee x hours per month (control plane, load balancer)
  months,               ///< a fixed monthly fee
  gb_months,            ///< storage attached to each provisioned instance x months
  lcu_hours,            ///< load-balancer capacity units: one new connection per request
  egress_gb,            ///< data sent to the internet: requests x response size
  /// Provisioned concurrency: environments x memory x the time they are configured.
  provisioned_gb_seconds,
  /// Provisioned concurrency: the requests' time (x memory) that configured environments serve.
  provisioned_duration_gb_seconds,
  /// Request-billed containers: kept-warm minimum instances' vCPU time while idle.
  idle_vcpu_seconds,
  /// Request-billed containers: kept-warm minimum instances' memory time while idle.
  idle_gb_seconds,
  /// Engineer-hours to operate the offering: the scenario's ops_hours, never a rate table's.
  engineering_hours,
  /// Data processed by a NAT gateway: the scenario's nat_gb_per_month, the total through all the
  /// gateways counted (not multiplied by their count).
  processed_gb,
  /// Burstable instances in unlimited mode: vCPU-hours above the baseline, the scenario's
  /// cpu_credit_hours (a month, over all instances).
  surplus_vcpu_hours,
};

/// The JSON spelling of a meter (`gb_seconds`, ...).
std::string_view to_string(Meter meter);
/// The unit a line item of this meter is counted in (`GB-s`, `requests`, `hours`, ...).
std::string_view unit_of(Meter meter);

/// One volume tier: the unit price applies to usage up to `up_to` (cumulative, in the meter's
/// units, counted from zero). The last tier has no bound.
struct Tier {
  std::optional<double> up_to;
  double unit_price = 0;

  bool operator==(const Tier&) const = default;
};

/// A priced meter. A flat price is a single unbounded tier.
struct Charge {
  std::string name;
  Meter meter = Meter::requests;
  std::vector<Tier> tiers;
  /// Monthly free tier, taken off the lowest usage first; a scenario can switch it off.
  double free_tier_quantity = 0;
  /// Usage included in the plan's own fee (Workers' 10M requests); always applied.
  double included_quantity = 0;

  bool operator==(const Charge&) const = default;
};

/// A memory size a function can be given, with the CPU clock that comes with it.
struct MemorySize {
  double memory_mb = 0;
  std::optional<double> cpu_ghz;

  bool operator==(const MemorySize&) const = default;
};

/// How usage is rounded before it is priced. Lives in the data, never in code.
struct Billing {
  double duration_step_ms = 1;              ///< each request's duration is rounded up to a multiple of this
  double min_duration_ms = 0;               ///< and billed at least this long
  double memory_step_mb = 1;                ///< memory is rounded up to a multiple of this
  double min_memory_mb = 0;                 ///< and billed at least this much
  std::vector<MemorySize> memory_sizes;     ///< when given, memory rounds up to the next listed size
  double included_ephemeral_storage_gb = 0; ///< ephemeral storage that costs nothing extra
  bool init_billed = false;                 ///< a cold start's INIT time is billed as duration
  bool free_static_assets = false;          ///< requests for static assets are not billed
  /// Billed by the container while it is up, not by the request: from its first request to
  /// this many seconds after its last (Modal's scale-down window). Unset: billed per request.
  std::optional<double> scale_down_window_s;

  bool operator==(const Billing&) const = default;
};

/// Environments a function keeps initialised for a price (AWS Lambda provisioned concurrency):
/// a charge for the configured time and one for the requests' time they serve, which
/// replaces the on-demand duration charge for those requests.
struct ProvisionedConcurrency {
  std::vector<Charge> charges; ///< provisioned_gb_seconds and provisioned_duration_gb_seconds
  double step_minutes = 0;     ///< configured time is billed in whole steps (AWS: 5 minutes)
  bool free_tier = false;      ///< whether the function's free tier still applies
  std::string source;

  bool operator==(const ProvisionedConcurrency&) const = default;
};

/// What an offering can run. A scenario beyond a limit makes the offering infeasible.
struct Limits {
  std::optional<double> max_duration_ms;
  std::optional<double> min_memory_mb;
  std::optional<double> max_memory_mb;
  std::optional<double> max_cpu_ms;
  std::optional<double> max_ephemeral_storage_gb;
  std::optional<double> max_concurrency;

  bool operator==(const Limits&) const = default;
};

/// A valid task (container) size: `vcpu` with memory from `min_memory_mb` to `max_memory_mb`
/// in steps of `memory_step_mb`.
struct TaskSize {
  double vcpu = 0;
  double min_memory_mb = 0;
  double max_memory_mb = 0;
  double memory_step_mb = 1;

  bool operator==(const TaskSize&) const = default;
};

/// An add-on (load balancer, NAT gateway, storage) used by an offering, `count` of them.
struct ComponentRef {
  std::string id;
  int count = 1;

  bool operator==(const ComponentRef&) const = default;
};

/// The nodes of a managed Kubernetes cluster: a VM offering, a minimum count, and a disk each.
struct NodePool {
  std::string offering_id;
  int min_nodes = 3;
  double disk_gb = 0;

  bool operator==(const NodePool&) const = default;
};

/// Where a value was read from, so that cross-reference errors can name it.
struct Origin {
  std::string source;
  std::string path;

  bool operator==(const Origin&) const = default;
};

/// How capacity is bought, when not on demand: a commitment (reserved instances, savings plans,
/// committed use) or spot. Each is an offering of its own, `<offering>@<option>`.
struct PurchaseOption {
  std::string id;             ///< "1y", "3y", "spot"
  std::string name;           ///< "1-year reserved, no upfront"
  std::string base_id;        ///< the on-demand offering it is bought from
  bool commitment = false;    ///< billed every hour of the term, used or not
  bool interruptible = false; ///< the provider can reclaim it (spot)

  bool operator==(const PurchaseOption&) const = default;
};

/// One way to deploy, with a stable id such as `aws.lambda.arm` or `aws.ec2.m7g.large`.
struct Offering {
  std::string id;
  std::string name;
  std::string provider;
  OfferingKind kind = OfferingKind::function;
  std::string region;
  std::string currency;
  std::string source; ///< the pricing page the prices come from
  std::string as_of;  ///< the date the prices were read (YYYY-MM-DD)
  bool compare_by_default = false;
  std::vector<Charge> charges;
  std::vector<ComponentRef> components;
  Billing billing;
  Limits limits;
  // Capacity of one instance (vm) or node type.
  std::optional<double> vcpu;
  std::optional<double> memory_gb;
  int gpus = 0;
  std::string arch;
  // Container services: the valid task sizes and the default one.
  std::vector<TaskSize> task_sizes;
  std::optional<double> default_task_vcpu;
  std::optional<double> default_task_memory_mb;
  // Kubernetes.
  std::optional<NodePool> nodes;
  /// Instances a provisioned offering keeps running at the least (HA minimum).
  int default_min_instances = 1;
  /// Request-billed containers: the requests one instance serves at once unless the scenario
  /// says, the provider's default, and the page that documents it.
  std::optional<double> default_concurrency;
  std::string concurrency_source;
  /// Set on a purchase option's offering (`aws.ec2.m7g.large@1y`).
  std::optional<PurchaseOption> purchase;
  /// Paid every hour of the month whether used or not, at a fixed size: a commitment, or
  /// hardware you own (a rate table's `owned` figures).
  bool billed_all_month = false;
  /// Functions: provisioned concurrency, when the provider sells it.
  std::optional<ProvisionedConcurrency> provisioned_concurrency;
  /// How the provider bills data sent to the internet (the offering's `internet_egress`, else
  /// the rate table's): a component id with an egress_gb charge, "none" when the provider
  /// charges nothing, or empty when the table does not say.
  std::string internet_egress;
  /// Caveats that go with every estimate of this offering.
  std::vector<std::string> notes;
  /// Workload isolation (compliance), with the page that documents it; unset when no source
  /// was found.
  std::optional<IsolationLevel> isolation;
  std::string isolation_source;
  /// A typical cold start (ms) and the measurement it comes from; unset when none was found.
  std::optional<double> cold_start_ms;
  std::string cold_start_source;
  /// Burstable instances (vm): the CPU share of each vCPU the hourly price includes (t3.medium
  /// 0.2), and the page that documents it. Load above it is billed as surplus credits where the
  /// offering has a surplus_vcpu_hours charge (unlimited mode), else the instance is throttled to
  /// it once its credits are spent, so it is sized to serve the average load at the baseline.
  std::optional<double> burstable_baseline;
  std::string burstable_source;
  /// VMs: the volume each instance boots from unless the scenario attaches its own (the rate
  /// table's `vm_root_volume`): a component with a gb_months charge, its size (GB), and the page
  /// that documents that default. Empty when the table gives none.
  std::string root_volume_component;
  double root_volume_gb = 0;
  std::string root_volume_source;
  /// The rate table's `portability`, else by kind: functions are provider-specific, the rest
  /// run an image.
  Portability portability = Portability::image;
  Origin origin;

  bool operator==(const Offering&) const = default;
};

/// A reusable priced part that offerings and scenarios attach (`aws.alb`, `aws.nat_gateway`).
struct Component {
  std::string id;
  std::string name;
  std::string source;
  std::string as_of;
  std::vector<Charge> charges;
  /// Kinds a scenario may attach this component to; empty means all kinds.
  std::vector<OfferingKind> applies_to;
  Origin origin;

  bool operator==(const Component&) const = default;
};

/// An offering or component whose prices a figure uses, and the date they were read (its
/// `as_of`): what a report rests on, so that a reader can tell how old its prices are.
struct PriceDate {
  std::string id;
  std::string as_of;

  bool operator==(const PriceDate&) const = default;
};

/// Appends each of `more` that `prices` does not hold yet, keeping first-use order: the prices
/// of several estimates, each once.
void add_prices(std::vector<PriceDate>& prices, std::span<const PriceDate> more);

/// One provider's prices: what the bundled `pricing/*.json` files and `--pricing FILE` hold.
struct RateTable {
  std::string source_name;
  std::string provider;
  std::string name;
  std::string currency;
  std::string region;
  std::string as_of;
  std::vector<std::string> sources;
  std::string internet_egress;       ///< see Offering::internet_egress
  std::string root_volume_component; ///< see Offering::root_volume_component
  double root_volume_gb = 0;
  std::string root_volume_source;
  std::vector<Component> components;
  std::vector<Offering> offerings;

  bool operator==(const RateTable&) const = default;
};

/// The rate-table schema version this build reads.
inline constexpr int k_rate_table_schema_version = 1;

/// Parses and validates a rate table from JSON text; `source_name` names it in errors.
/// Throws `Error` naming the JSON path of the first bad value.
/// Example: `auto table = parse_rate_table(text, "pricing/aws.json");`
RateTable parse_rate_table(std::string_view json_text, const std::string& source_name);

/// Reads a rate-table file and parses it (errors name the path as given).
RateTable load_rate_table_file(const std::filesystem::path& path);

/// The largest input file read: 16 MiB. Rate tables, scenarios, budgets and baselines are a
/// few kilobytes (the largest bundled table is 21 KB; a table with every SKU of a provider
/// would be a few MB), and parsing takes about ten times the text in memory, so the limit
/// bounds what a wrong path (`/dev/zero`, a log file, a FIFO that never ends) can cost.
inline constexpr std::size_t k_max_input_bytes = 16 * 1024 * 1024;

/// Reads a whole file as text, in chunks, stopping past `k_max_input_bytes` (also for devices
/// and pipes); throws `Error` naming the path when it cannot be read or is too large.
std::string read_text_file(const std::filesystem::path& path);

} // namespace breakeven
