"""CPU time of processes from /proc (utime + stime), for CPU per job per process.

  cpu.py snap FILE PID...   record the ticks of each PID and all its descendants
  cpu.py used START END     seconds used between two snapshots (processes present at END;
                            a process born in between counts from zero), then the seconds of
                            those spent by JIT compiler threads (a JVM's warm-up, not per-job work)
"""
import json
import os
import sys

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])  # ppid, utime + stime


def snapshot(roots):
    parents, ticks = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                parents[int(name)], ticks[int(name)] = stat(name)
            except (OSError, IndexError):
                pass
    chosen, frontier = set(), {int(p) for p in roots if int(p) in ticks}
    while frontier:
        chosen |= frontier
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in chosen}
    found = {str(pid): ticks[pid] for pid in chosen}
    found["jit"] = sum(jit_ticks(pid) for pid in chosen)
    return found


def jit_ticks(pid):
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        if name.startswith(("C1 CompilerThre", "C2 CompilerThre")):
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total


if sys.argv[1] == "snap":
    with open(sys.argv[2], "w") as out:
        json.dump(snapshot(sys.argv[3:]), out)
else:
    start, end = (json.load(open(path)) for path in sys.argv[2:4])
    jit = end.pop("jit", 0) - start.pop("jit", 0)
    print(f"{sum(t - start.get(pid, 0) for pid, t in end.items()) / TICK:.2f} {jit / TICK:.2f}")
