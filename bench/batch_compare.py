#!/usr/bin/env python3
"""The baseline for bench/batch.sh: what a user might write instead of
`breakeven compare --scenario - --format csv --offering aws.lambda.x86 --offering aws.ec2.m7g.large`.

Reads JSON Lines scenarios (requests_per_month, duration_ms, memory_mb, name) on standard input
and writes the same CSV, byte for byte, in plain floats and the standard library. It prices the
two offerings as pricing/aws.json and the model do:

- aws.lambda.x86: $0.20 per 1M requests after 1M free; duration in GB-s after 400,000 GB-s
  free, tiered at 6B and 15B GB-s; duration rounded up to 1 ms, memory to 1 MB (at least
  128 MB), GB = MB / 1024.
- aws.ec2.m7g.large: $0.0816 an instance-hour, 730 h; instances sized for the average rate
  from the CPU time per request (duration x min(1, memory / 1769 MB)), 2 vCPU at 70%
  utilisation, at least 1; each instance with its 8 GB gp3 root volume at $0.08 per GB-month.

Anything else (other fields, limits exceeded) is out of its scope and stops it.
"""

import csv
import json
import math
import sys

HOURS = 730.0
INF = math.inf


def ceil_tolerant(x):
    # ceil, with a value within 1e-9 (relative) above an integer counted as that integer
    up = math.ceil(x)
    if up != x and x - (up - 1) <= 1e-9 * max(1.0, abs(x)):
        return up - 1
    return up


def add_tiered(cost, quantity, free, tiers):
    """`cost` plus the cost of `quantity` with `free` units free and (up_to, price) volume tiers."""
    used = min(quantity, free)
    lower = 0.0
    for upper, price in tiers:
        amount = min(upper, quantity) - max(lower, used)
        if amount > 0:
            cost += amount * price
        if upper >= quantity:
            break
        lower = upper
    return cost


def lambda_x86(requests, duration_ms, memory_mb):
    if duration_ms > 900000 or memory_mb > 10240:
        sys.exit("batch_compare.py: beyond Lambda's limits, not modelled here")
    billed_s = ceil_tolerant(duration_ms) / 1000.0
    memory_gb = max(ceil_tolerant(memory_mb), 128) / 1024.0
    cost = add_tiered(0.0, requests, 1e6, [(INF, 0.2 / 1e6)])
    gb_seconds = memory_gb * billed_s * requests
    return add_tiered(cost, gb_seconds, 400000.0, [(6e9, 1.66667e-05), (15e9, 1.5e-05), (INF, 1.33334e-05)])


def ec2_m7g_large(requests, duration_ms, memory_mb):
    if memory_mb > 8192:
        sys.exit("batch_compare.py: more memory than an m7g.large, not modelled here")
    cpu_ms = duration_ms * min(1.0, memory_mb / 1769.0)
    per_instance = 2 * 1000.0 / cpu_ms * 0.7 * HOURS * 3600.0  # requests a month at 70%
    if per_instance < 1:
        sys.exit("batch_compare.py: an instance serves less than a request, not modelled here")
    capacity = per_instance * (1 + 1e-12)
    k = math.ceil(requests / capacity)
    while k > 0 and (k - 1) * capacity >= requests:
        k -= 1
    while k * capacity < requests:
        k += 1
    instances = max(1, k)
    return HOURS * instances * 0.0816 + instances * 8 * 0.08, instances


def cents(dollars):
    # to the cent, half away from zero, printed as 0.9, 59.57, 73
    whole = math.floor(dollars * 100.0)
    if dollars * 100.0 - whole >= 0.5:
        whole += 1
    text = str(whole // 100)
    fraction = whole % 100
    if fraction:
        text += ".%d" % (fraction // 10) if fraction % 10 == 0 else ".%02d" % fraction
    return text


def main():
    out = csv.writer(sys.stdout)
    out.writerow(["scenario", "offering", "kind", "provider", "monthly_cost", "feasible", "instances", "notes"])
    for line in sys.stdin:
        if not line.strip():
            continue
        s = json.loads(line)
        name = s.get("name", "")
        requests = float(s["requests_per_month"])
        duration_ms = float(s.get("duration_ms", 100))
        memory_mb = float(s.get("memory_mb", 512))
        vm_cost, vm_instances = ec2_m7g_large(requests, duration_ms, memory_mb)
        rows = [
            (lambda_x86(requests, duration_ms, memory_mb), "aws.lambda.x86", "function", ""),
            (vm_cost, "aws.ec2.m7g.large", "vm", vm_instances),
        ]
        rows.sort(key=lambda row: (row[0], row[1]))  # cheapest first, then by id
        for cost, offering, kind, instances in rows:
            out.writerow([name, offering, kind, "aws", cents(cost), "true", instances, ""])


if __name__ == "__main__":
    main()
