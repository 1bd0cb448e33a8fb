#!/usr/bin/env python3
"""Baseline for the CSV/SQLite benchmark: the same Polar continuous heart-rate input written with Python's own
json, csv and sqlite3 modules, into the same heart_rate table (same columns, same STRICT WITHOUT ROWID DDL from
schemas/wearport.sql, same upsert). Times and rates go to stderr.

Usage: tab_bench_python.py INPUT.json (csv OUT_FOLDER | sqlite OUT.sqlite) [SCHEMA_SQL]
"""
import csv
import datetime
import json
import os
import sqlite3
import sys
import time

COLUMNS = ["provider", "user_id", "time_utc", "time_local", "utc_offset_minutes", "offset_source",
           "heart_rate_bpm", "confidence", "source_file"]


def rows(path):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    for day_index, day in enumerate(document["heart_rates"]):
        user = day["polar_user"].rsplit("/", 1)[-1]
        date = datetime.date.fromisoformat(day["date"])
        for index, sample in enumerate(day["heart_rate_samples"]):
            clock = datetime.time.fromisoformat(sample["sample_time"])
            moment = datetime.datetime.combine(date, clock)
            yield ("polar", user, moment.strftime("%Y-%m-%dT%H:%M:%SZ"), moment.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                   0, "time_zone", float(sample["heart_rate"]), None,
                   f"{path}#/heart_rates/{day_index}/heart_rate_samples/{index}")


def main():
    source, mode, output = sys.argv[1], sys.argv[2], sys.argv[3]
    started = time.perf_counter()
    count = 0
    if mode == "csv":
        os.makedirs(output, exist_ok=True)
        with open(os.path.join(output, "heart_rate.csv"), "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for row in rows(source):
                writer.writerow(["" if value is None else value for value in row])
                count += 1
    else:
        schema = open(sys.argv[4], encoding="utf-8").read()
        database = sqlite3.connect(output)
        database.executescript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;" + schema)
        placeholders = ", ".join("?" * len(COLUMNS))
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[3:])
        sql = (f"INSERT INTO heart_rate ({', '.join(COLUMNS)}) VALUES ({placeholders}) "
               f"ON CONFLICT (provider, user_id, time_utc) DO UPDATE SET {updates}")
        with database:
            for row in rows(source):
                database.execute(sql, row)
                count += 1
        database.close()
    elapsed = time.perf_counter() - started
    print(f"python {mode}: {count} rows in {elapsed:.2f} s = {count / elapsed:,.0f} rows/s", file=sys.stderr)


if __name__ == "__main__":
    main()
