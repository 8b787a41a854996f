#!/usr/bin/env python3
"""Two binaries run alternately on the same arguments, wall time of each run, A B then B A.

hyperfine runs all of one command, then all of the other: on a VM whose speed drifts by 20% over
a minute, a sub-millisecond difference then reads either way. Interleaving runs puts each pair
under the same load, and the median ignores the runs a neighbour slowed down.

Usage: bench/ab.py BASELINE NEW ARGS...   (N=300 pairs by default; the time includes Python's
fork and exec, about 1 ms here, the same for both)
Example: bench/ab.py /tmp/breakeven-old build/release/breakeven curve --offering '*'
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binaries = sys.argv[1:3]
    args = sys.argv[3:]
    pairs = int(os.environ.get("N", "300"))
    times: dict[str, list[float]] = {b: [] for b in binaries}
    for i in range(pairs):
        for binary in binaries if i % 2 == 0 else reversed(binaries):
            start = time.perf_counter()
            subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[binary].append(time.perf_counter() - start)
    medians = {b: statistics.median(t) * 1e3 for b, t in times.items()}
    print(" ".join(args))
    for binary in binaries:
        ordered = sorted(times[binary])
        print(f"  {binary}: median {medians[binary]:.2f} ms, quartiles {ordered[len(ordered) // 4] * 1e3:.2f}"
              f"-{ordered[3 * len(ordered) // 4] * 1e3:.2f} ms")
    base, new = (medians[b] for b in binaries)
    print(f"  new - baseline: {new - base:+.2f} ms ({new / base:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
