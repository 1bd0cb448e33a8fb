"""Running one command and measuring it: wall time, user+sys time and the peak resident set of the command itself
(see launch.py), plus the output checks that keep a broken converter from looking fast."""
import csv
import json
import mmap
import os
import re
import sqlite3
import signal
import statistics
import subprocess
import sys


class Run:
    def __init__(self, argv, wall, cpu, rss_bytes, status, stderr):
        self.argv, self.wall, self.cpu, self.rss_bytes, self.status, self.stderr = \
            argv, wall, cpu, rss_bytes, status, stderr

    def as_json(self):
        return {"wall_s": round(self.wall, 4), "cpu_s": round(self.cpu, 4), "rss_mb": round(self.rss_bytes / 1e6, 1),
                "exit": self.status}


LAUNCHER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "launch.py")


def gnu_time():
    """True when /usr/bin/time is GNU time (its peak RSS figure is the most exact: about 1 MB of its own)."""
    try:
        probe = subprocess.run(["/usr/bin/time", "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return "GNU" in probe.stdout + probe.stderr


USE_GNU_TIME = gnu_time()
RSS_METHOD = "GNU time %M (floor about 1 MB)" if USE_GNU_TIME else "wait4 in a small launcher (floor about 7 MB)"


def run(argv, log_prefix, cwd=None, timeout=1800):
    """Runs `argv` through the launcher, with standard output and error in `log_prefix`.stdout/.stderr."""
    result_path = log_prefix + ".measure.json"
    if os.path.exists(result_path):
        os.remove(result_path)
    launcher = [sys.executable, "-I", "-S", LAUNCHER, result_path] + (["--gnu-time"] if USE_GNU_TIME else []) + \
        ["--"] + list(argv)
    with open(log_prefix + ".stdout", "wb") as out, open(log_prefix + ".stderr", "wb") as err:
        process = subprocess.Popen(launcher, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                   start_new_session=True)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with open(log_prefix + ".stderr", encoding="utf-8", errors="replace") as handle:
        stderr = handle.read()
    try:
        with open(result_path, encoding="utf-8") as handle:
            figures = json.load(handle)
    except (OSError, ValueError):
        return Run(argv, 0.0, 0.0, 0, -1 if process.returncode == 0 else process.returncode, stderr)
    return Run(argv, figures["wall_s"], figures["cpu_s"], figures["rss_bytes"], figures["exit"], stderr)


def medians(runs):
    return {
        "wall_s": round(statistics.median(r.wall for r in runs), 4),
        "cpu_s": round(statistics.median(r.cpu for r in runs), 4),
        "rss_mb": round(statistics.median(r.rss_bytes for r in runs) / 1e6, 1),
    }


SUMMARY = re.compile(r"^wearport: (\d+) documents? \((\d+) skipped, (\d+) failed\); (\d+) errors?, (\d+) warnings?",
                     re.M)
KIND = re.compile(r"^\s+(\w+): (\d+) read, (\d+) written, (\d+) merged, (\d+) rejected$", re.M)
FINDING = re.compile(r": (error|warning): .*\[([\w.\-]+)\]$", re.M)


def wearport_summary(stderr):
    """The run summary wearport prints on standard error: documents, diagnostics and record counts by kind."""
    summary = {"documents": None, "skipped": None, "failed": None, "errors": None, "warnings": None, "kinds": {},
               "codes": {}}
    match = SUMMARY.search(stderr)
    if match:
        summary.update(zip(["documents", "skipped", "failed", "errors", "warnings"], map(int, match.groups())))
    for kind, read, written, merged, rejected in KIND.findall(stderr):
        summary["kinds"][kind] = {"read": int(read), "written": int(written), "merged": int(merged),
                                  "rejected": int(rejected)}
    for severity, code in FINDING.findall(stderr):
        key = f"{severity}:{code}"
        summary["codes"][key] = summary["codes"].get(key, 0) + 1
    return summary


def _mapped(path):
    handle = open(path, "rb")
    if os.path.getsize(path) == 0:
        handle.close()
        return None, b""
    return handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def count_lines(path):
    """Line breaks in a file, read in chunks."""
    total = 0
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(1 << 24)
            if not chunk:
                return total
            total += chunk.count(b"\n")


TRACKPOINT = re.compile(rb"<(?:\w+:)?Trackpoint>")
HEART_RATE_VALUE = re.compile(rb"<(?:\w+:)?HeartRateBpm\b[^>]*>\s*<(?:\w+:)?Value>(\d+)</")


def tcx_points(path):
    """(trackpoints, sum of the heart-rate values) of a TCX file."""
    handle, data = _mapped(path)
    try:
        points = sum(1 for _ in TRACKPOINT.finditer(data))
        heart = sum(int(m.group(1)) for m in HEART_RATE_VALUE.finditer(data))
        return points, heart
    finally:
        if handle:
            data.close()
            handle.close()


def csv_rows(path):
    """Data rows of a CSV file without line breaks inside fields (the header not counted)."""
    return max(0, count_lines(path) - 1)


def csv_sum(path, column):
    """(rows, sum of a numeric column) of a CSV file, empty cells skipped."""
    rows = 0
    total = 0.0
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        index = next(reader).index(column)
        for row in reader:
            rows += 1
            if row[index]:
                total += float(row[index])
    return rows, total


def sqlite_counts(path, queries):
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: database.execute(sql).fetchone()[0] for name, sql in queries.items()}
    finally:
        database.close()


def only_file(folder, suffix):
    """The one file with this suffix in a folder (None when there is not exactly one)."""
    try:
        names = [n for n in os.listdir(folder) if n.endswith(suffix)]
    except OSError:
        return None
    return os.path.join(folder, names[0]) if len(names) == 1 else None
