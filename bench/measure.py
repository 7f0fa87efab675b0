#!/usr/bin/env python3
"""Runs a command; prints its wall time and the peak RSS of its process tree as JSON.

ru_maxrss of RUSAGE_CHILDREN is the largest resident set of any waited-for descendant
(cargo waits for rustc), in KiB on Linux.
"""
import json
import resource
import subprocess
import sys
import time

start = time.monotonic()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "status": proc.returncode,
    "wall_s": wall,
    "max_rss_kb": usage.ru_maxrss,
    "stderr": proc.stderr.decode(errors="replace")[-3000:],
}))
