"""Runs one command and writes its wall time, user+sys time, peak RSS and exit status as JSON to RESULT.

  python3 -I -S launch.py RESULT [--gnu-time] -- COMMAND ARG...

Why a separate small process: Linux keeps a process's peak RSS across exec, and a forked child starts with its
parent's pages, so a command started straight from the benchmark (which maps large outputs to check them) would
report the benchmark's peak, not its own. This launcher stays small (about 7 MB); with --gnu-time the command runs
under GNU time (`/usr/bin/time -f %M`), whose own footprint is about 1 MB, and its peak RSS is taken from there.
"""
import json
import os
import sys
import time


def main(argv):
    result_path = argv[0]
    gnu_time = argv[1] == "--gnu-time"
    command = argv[argv.index("--") + 1:]
    rss_path = result_path + ".rss"
    if gnu_time:
        command = ["/usr/bin/time", "-f", "%M", "-o", rss_path, "--"] + command
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    rss_kib = usage.ru_maxrss
    if gnu_time:
        try:
            with open(rss_path, encoding="utf-8") as handle:
                # GNU time writes "Command exited with non-zero status N" before the figure when it fails.
                rss_kib = int(handle.read().split()[-1])
            os.remove(rss_path)
        except (OSError, ValueError, IndexError):
            pass
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_bytes": rss_kib * 1024,
                   "exit": os.waitstatus_to_exitcode(status)}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
