#!/usr/bin/env python3
"""Runs a command; prints its wall time and the peak memory of its process tree as JSON.

max_rss_kb: ru_maxrss of RUSAGE_CHILDREN, the largest resident set of any one waited-for
descendant (cargo waits for rustc), in KiB on Linux.

tree_rss_kb: the largest sum of the resident sets of the whole process tree at one moment,
sampled every 20 ms from /proc (Linux; 0 elsewhere). It differs from max_rss_kb when
several processes run at once (cargo running rustc on every core).
"""
import json
import os
import resource
import subprocess
import sys
import time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_rss_kb(root):
    """The summed resident set of `root` and its descendants, in KiB."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            # The command name is in parentheses and may hold spaces.
            fields = stat[stat.rindex(")") + 2:].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, ValueError):
            continue
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
    return total


start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = 0
sampling = os.path.isdir("/proc")
while proc.poll() is None:
    if sampling:
        peak = max(peak, tree_rss_kb(proc.pid))
    time.sleep(0.02)
wall = time.monotonic() - start
stderr = proc.stderr.read()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "status": proc.returncode,
    "wall_s": wall,
    "max_rss_kb": usage.ru_maxrss,
    "tree_rss_kb": peak,
    "stderr": stderr.decode(errors="replace")[-3000:],
}))
