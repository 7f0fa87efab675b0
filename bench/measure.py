#!/usr/bin/env python3
"""Runs a command; prints its wall time and the peak memory of its process tree as JSON.

Usage: measure.py [--tree] COMMAND...

max_rss_kb: ru_maxrss of RUSAGE_CHILDREN, the largest resident set of any one waited-for
descendant (cargo waits for rustc), in KiB on Linux.

tree_rss_kb: with --tree, the largest sum of the resident sets of the whole process tree at
one moment, sampled every 50 ms from /proc (Linux; 0 elsewhere or without --tree). It
differs from max_rss_kb when several processes run at once (cargo running rustc on every
core). Sampling takes some CPU, so generation is measured without it.
"""
import json
import os
import resource
import subprocess
import sys
import threading
import time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def children(pid):
    """The child processes of `pid` (from every thread's children list)."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except (OSError, ValueError):
        pass
    return found


def tree_rss_kb(root):
    """The summed resident set of `root` and its descendants, in KiB."""
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in tree:
            tree.add(pid)
            todo.extend(children(pid))
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
    return total


args = sys.argv[1:]
sampling = bool(args) and args[0] == "--tree"
if sampling:
    args = args[1:]
sampling = sampling and os.path.isdir("/proc")
start = time.monotonic()
proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = 0


def sample():
    global peak
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.05)


sampler = threading.Thread(target=sample, daemon=True)
if sampling:
    sampler.start()
# The pipe is read to its end (a chatty command must not block on a full pipe); the wall
# time ends when the command does, whatever the sampler is doing.
stderr = proc.communicate()[1]
wall = time.monotonic() - start
if sampling:
    sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "status": proc.returncode,
    "wall_s": wall,
    "max_rss_kb": usage.ru_maxrss,
    "tree_rss_kb": peak,
    "stderr": stderr.decode(errors="replace")[-3000:],
}))
