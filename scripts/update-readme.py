#!/usr/bin/env python3
"""Rewrites the output under every `$ breakeven ...` line in README.md's ```console blocks
with what the built binary prints (stdout and stderr, run from the repository root), so the
README shows real output. tests/docs/run.sh checks the same blocks.

Usage: scripts/update-readme.py [BINARY]   (default build/default/breakeven)
"""
import pathlib
import shlex
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
binary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "build/default/breakeven").resolve()
lines = (root / "README.md").read_text().split("\n")
out, in_console, i = [], False, 0
while i < len(lines):
    line = lines[i]
    out.append(line)
    i += 1
    if not in_console:
        in_console = line == "```console"
        continue
    if line == "```":
        in_console = False
        continue
    if line.startswith("$ "):
        command = line[2:]
        args = command[len("breakeven "):] if command.startswith("breakeven ") else command
        result = subprocess.run(f"{shlex.quote(str(binary))} {args} 2>&1", shell=True, cwd=root,
                                capture_output=True, text=True)
        out.extend(result.stdout.rstrip("\n").split("\n") if result.stdout.strip("\n") else [])
        while i < len(lines) and lines[i] != "```" and not lines[i].startswith("$ "):
            i += 1
(root / "README.md").write_text("\n".join(out))
