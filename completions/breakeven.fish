# fish completion for breakeven. Installed as share/fish/vendor_completions.d/breakeven.fish;
# or try it with: source completions/breakeven.fish
# Kept in step with `breakeven <command> --help` by tests/docs/run.sh.

# Offering ids from the tool itself (bundled tables).
function __breakeven_offerings
    breakeven pricing list --format tsv 2>/dev/null | tail -n +2 | cut -f1
end

# --team takes a comma-separated list: complete the next item.
function __breakeven_team
    set -l token (commandline -ct)
    set -l done (string replace -r '[^,]*$' '' -- $token)
    printf "$done%s\n" vm containers kubernetes serverless
end

complete -c breakeven -f

# Commands.
complete -c breakeven -n 'not __fish_seen_subcommand_from compare curve crossover check advise pricing' -a compare -d 'Monthly cost of each offering at one scenario, cheapest first'
complete -c breakeven -n 'not __fish_seen_subcommand_from compare curve crossover check advise pricing' -a curve -d 'Cost of each offering across a range of monthly requests'
complete -c breakeven -n 'not __fish_seen_subcommand_from compare curve crossover check advise pricing' -a crossover -d 'Where two offerings swap places: every crossing and the break-even threshold'
complete -c breakeven -n 'not __fish_seen_subcommand_from compare curve crossover check advise pricing' -a check -d 'Fail (exit 1) when a deployment\'s monthly cost breaks its budget: for CI'
complete -c breakeven -n 'not __fish_seen_subcommand_from compare curve crossover check advise pricing' -a advise -d 'The decision framework: every option through seven questions, a shortlist and a pick'
complete -c breakeven -n 'not __fish_seen_subcommand_from compare curve crossover check advise pricing' -a pricing -d 'List, show and validate rate tables'

# Options of every command.
complete -c breakeven -s h -l help -d 'Print this help message and exit'
complete -c breakeven -l version -d 'Display program version information and exit'
complete -c breakeven -l pricing -r -F -d 'Extra rate table (JSON); overrides offerings by id; repeatable'
complete -c breakeven -l format -x -a 'table csv tsv json jsonl markdown svg html' -d 'Output format: table, csv, tsv, json, markdown (compare also: jsonl; curve also: svg; compare, curve, crossover, advise also: html)'
complete -c breakeven -l color -x -a 'auto always never' -d 'Colour tables: auto (default; honours NO_COLOR), always, never'

# Scenario options (compare, curve, crossover, check, advise).
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l scenario -r -F -d 'Scenario JSON file, or - for standard input; flags override its fields'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l requests -x -d 'Requests per month: 3M, 2.5B, 1e9, 1_000_000; any numeric flag also takes a range LOW..HIGH (10M..50M)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l rps -x -d 'Average requests per second (instead of --requests)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l duration-ms -x -d 'Average wall-clock time per request (default 100)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l memory-mb -x -d 'Function memory (default 512)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l cpu-ms -x -d 'CPU time per request (default: duration x min(1, memory / 1769 MB))'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l rps-per-instance -x -d 'Measured req/s one VM, task or node serves at the target utilisation (sizes instead of CPU time)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l peak-to-average -x -d 'Peak request rate over the average (default 1)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l utilization -x -d 'Target CPU share of provisioned capacity at peak (default 0.7)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l min-instances -x -d 'Instances/tasks/nodes kept running at least (default: each offering\'s)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l max-instances -x -d 'Most instances an option may run; above it, it is infeasible'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l month-hours -x -d 'Hours in the month (default 730; 720 for 30 days)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l hours-per-month -x -d 'Hours provisioned capacity runs (default: the whole month)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l hours-per-day -x -d 'Schedule: hours a day provisioned capacity runs, from --start-hour'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l days-per-week -x -d 'Schedule: days a week it runs, Monday first'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l start-hour -x -d 'Schedule: the hour of the day it starts, 0-23 (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l task-vcpu -x -d 'Container task vCPUs (default: each offering\'s)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l task-memory-mb -x -d 'Container task memory (default: each offering\'s)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l ephemeral-storage-gb -x -d 'Ephemeral storage per instance (default: the included amount)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l concurrency -x -d 'Requests one request-billed container instance serves at once (default: each offering\'s)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l response-kb -x -d 'Average response size sent to the internet, priced as egress (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l request-kb -x -d 'Average request size, for load-balancer processed bytes (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l egress-gb -x -d 'Data sent to the internet a month besides the responses, priced as egress (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l nat-gb -x -d 'Data processed by NAT gateways a month, in total (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l cpu-credit-hours -x -d 'Burstable instances: vCPU-hours a month above the baseline, in total, billed as surplus credits (default: from the load)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l disk-gb -x -d 'Volume of each node (default: each cluster\'s) or VM (priced with a disk component)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l requests-per-connection -x -d 'Requests per client connection (keep-alive), for load-balancer capacity units (default 1)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l provisioned-concurrency -x -d 'Function environments kept initialised (Lambda provisioned concurrency)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l provisioned-hours -x -d 'Hours a month they are configured (default: the schedule\'s)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l provisioned-share -x -d 'Share of requests they serve (default: the load model, E[min(X, N)])'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l cold-start-share -x -d 'Share of function requests meeting a cold start (default: estimated from --keep-warm-minutes)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l init-ms -x -d 'INIT time of a cold start, billed as duration where the provider bills it'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l hourly-rate -x -d 'Dollars per engineer-hour, for --ops-hours'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l static-share -x -d 'Share of requests that are static assets, free where served free (Workers)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l gpu-ms -x -d 'GPU time one request (or one batch) holds a GPU (default: --duration-ms)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l batch-size -x -d 'Requests one GPU serves at once, batched (default 1)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l scale-down-window -x -d 'Seconds a serverless container stays up, billed, after its last request (default: the offering\'s)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l keep-warm-minutes -x -d 'Idle time before a function environment is reclaimed (default 10)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l no-free-tier -d 'Leave out free tiers'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l interruptible -d 'The workload tolerates capacity reclaimed at short notice (makes spot options feasible)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l profile -x -d 'Traffic by hour of a day or week, HOURSh@RPS in order: 4h@500,20h@5 (scaled to --requests/--rps when given)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l scaling -x -a 'fixed autoscaled' -d 'How provisioned options follow a profile: fixed (sized for the busiest hour) or autoscaled (default: VMs and clusters fixed, container services autoscaled)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l disk-type -x -a 'gp2 gp3 pd-balanced pd-standard' -d 'Volume type of each VM and node, e.g. gp2 (default: as each offering has it)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l node-type -x -a '(__breakeven_offerings)' -d 'VM offering for Kubernetes nodes, e.g. aws.ec2.m7g.large'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l addon -x -d 'Attach a component, e.g. aws.apigateway.http (repeatable)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l component -x -d 'Count a component offerings include or add one, e.g. aws.nat_gateway=1; 0 removes (repeatable)'
complete -c breakeven -n '__fish_seen_subcommand_from compare curve crossover check advise' -l ops-hours -x -d 'Engineer-hours a month to operate each offering of a kind, e.g. kubernetes=20 (repeatable; needs --hourly-rate)'

# compare
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l offering -x -a '(__breakeven_offerings)' -d 'Offering id or glob (aws.*, *.lambda.*); repeatable'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l purchase -x -a 'on-demand 1y 3y spot' -d 'Buy every offering that has it as on-demand, 1y, 3y or spot (<offering>@<option>)'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l output -r -F -d 'Write to FILE (whole or not at all) instead of stdout'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l breakdown -d 'Show every line item'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l keep-going -d 'With --scenario -: report a bad record on stderr and go on (exit 2 at the end)'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l samples -x -d 'With ranges: scenarios sampled for P(CHEAPEST) (default 10000)'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l seed -x -d 'With ranges: the sampling seed (default 1; same seed, same output)'
complete -c breakeven -n '__fish_seen_subcommand_from compare' -l distribution -x -a 'triangular uniform' -d 'With ranges: how a field is sampled, triangular (default) or uniform'

# curve
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l offering -x -a '(__breakeven_offerings)' -d 'Offering id or glob (aws.*, *.lambda.*); repeatable'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l purchase -x -a 'on-demand 1y 3y spot' -d 'Buy every offering that has it as on-demand, 1y, 3y or spot (<offering>@<option>)'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l output -r -F -d 'Write to FILE (whole or not at all) instead of stdout'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l from -x -d 'Start of the range in requests/month (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l to -x -d 'End of the range in requests/month (default 1B)'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l points -x -d 'How many request counts to price, 2 to 1000000 (default 50)'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l log -d 'Log scales: --log-x, and --log-y for charts'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l log-x -d 'Space the request counts logarithmically'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l log-y -d 'Charts (SVG, --plot): costs on a log axis'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l plot -d 'Draw a chart in the terminal (80 columns) instead of a table'
complete -c breakeven -n '__fish_seen_subcommand_from curve' -l ascii -d 'With --plot: plain ASCII instead of Unicode'

# crossover
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l offering -x -a '(__breakeven_offerings)' -d 'Offering id or glob (aws.*, *.lambda.*); repeatable'
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l purchase -x -a 'on-demand 1y 3y spot' -d 'Buy every offering that has it as on-demand, 1y, 3y or spot (<offering>@<option>)'
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l output -r -F -d 'Write to FILE (whole or not at all) instead of stdout'
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l from -x -d 'Start of the range in requests/month (default 0)'
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l to -x -d 'End of the range (default: far enough to show every crossing)'
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l keep-going -d 'With --scenario -: report a bad record on stderr and go on (exit 2 at the end)'
complete -c breakeven -n '__fish_seen_subcommand_from crossover' -l all-pairs -d 'Tables and Markdown: list the pairs that never cross too (CSV and JSON list them all)'

# check
complete -c breakeven -n '__fish_seen_subcommand_from check' -l offering -x -a '(__breakeven_offerings)' -d 'Offering id or glob (aws.*, *.lambda.*); repeatable'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l purchase -x -a 'on-demand 1y 3y spot' -d 'Buy every offering that has it as on-demand, 1y, 3y or spot (<offering>@<option>)'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l output -r -F -d 'Write to FILE (whole or not at all) instead of stdout'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l max-monthly-cost -x -d 'Budget in USD for each selected offering'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l budget -r -F -d 'Budget file (JSON): named checks with their limits'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l baseline -r -F -d 'JSON output of an earlier check: show and limit increases'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l junit -r -F -d 'Also write JUnit XML (one test case per check)'
complete -c breakeven -n '__fish_seen_subcommand_from check' -l at -x -a 'low expected high' -d 'With ranges: hold the band\'s low, expected (default) or high end to the budget'

# advise
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l offering -x -a '(__breakeven_offerings)' -d 'Offering id or glob (aws.*, *.lambda.*); repeatable'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l purchase -x -a 'on-demand 1y 3y spot' -d 'Buy every offering that has it as on-demand, 1y, 3y or spot (<offering>@<option>)'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l output -r -F -d 'Write to FILE (whole or not at all) instead of stdout'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l p99-ms -x -d 'Latency target for the 99th percentile, checked against cold starts'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l isolation -x -a 'any kernel hardware' -d 'any, kernel or hardware: the isolation compliance needs (default any)'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l team -x -a '(__breakeven_team)' -d 'What the team operates: vm,containers,kubernetes,serverless (default: all)'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l portability -x -a 'low medium high' -d 'low, medium or high: how much an exit in three years matters (default low)'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l budget -x -d 'Monthly budget in USD: options above it are ruled out'
complete -c breakeven -n '__fish_seen_subcommand_from advise' -l cold-start-ms -x -d 'A measured cold start, for every option (default: each offering\'s published figure)'

# pricing
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and not __fish_seen_subcommand_from list show validate diff import' -a list -d 'Every offering and component: id, kind, provider, region, as_of'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and not __fish_seen_subcommand_from list show validate diff import' -a show -d 'An offering\'s (or component\'s) charges, tiers, billing rules and limits'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and not __fish_seen_subcommand_from list show validate diff import' -a validate -d 'Check rate-table files without using them'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from show' -a '(__breakeven_offerings)' -d 'Offering or component id'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and not __fish_seen_subcommand_from list show validate diff import' -a diff -d 'Price changes between two rate tables, per offering and charge'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and not __fish_seen_subcommand_from list show validate diff import' -a import -d 'A rate table from a provider\'s own price list, on stdout'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from import; and not __fish_seen_subcommand_from aws azure gcp' -x -a aws -d 'AWS Price List bulk offer files'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from import; and not __fish_seen_subcommand_from aws azure gcp' -x -a azure -d 'Azure Retail Prices API pages'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from import; and not __fish_seen_subcommand_from aws azure gcp' -x -a gcp -d 'Cloud Billing Catalog API SKU lists'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from import; and __fish_seen_subcommand_from aws azure gcp' -F -d 'Price list file'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from validate' -F -d 'Rate-table JSON file'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from validate' -l max-age -x -d 'Exit 1 when a price\'s as_of is more than DAYS old'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from diff' -F -d 'Rate-table JSON file, or bundled'
complete -c breakeven -n '__fish_seen_subcommand_from pricing; and __fish_seen_subcommand_from diff' -l common -d 'Only offerings and components both sides have'
