#!/usr/bin/env python3
"""The Python peers of scripts/bench: what a short script with the standard library does with the same inputs,
written to the same columns as wearport (fast idioms: string slicing for times, not strptime). Run one per process
so its time and peak memory are measured alone.

  peers.py fitbit-hr-csv    HEART_RATE.json OUT_FOLDER      json + csv      -> OUT_FOLDER/heart_rate.csv
  peers.py fitbit-hr-sqlite HEART_RATE.json OUT.sqlite SQL  json + sqlite3  -> heart_rate_store, the storage behind
                                                                               the heart_rate view (schema SQL,
                                                                               executemany, one transaction)
  peers.py fitbit-hr-store-csv HEART_RATE.json OUT.csv   the heart_rate_store rows as CSV (series 1, origin 1), for
                                                           the sqlite3 .import floor
  peers.py polar-csv        EXERCISE.json OUT_FOLDER        json + csv      -> exercise_samples.csv, exercise_route.csv
"""
import calendar
import csv
import json
import os
import sqlite3
import sys
import time

HEART_RATE_COLUMNS = ["provider", "user_id", "time_utc", "time_local", "utc_offset_minutes", "offset_source",
                      "heart_rate_bpm", "confidence", "source_file"]


def fitbit_heart_rate_rows(path):
    """Export heart_rate rows: `MM/dd/yy HH:mm:ss` (UTC) becomes `20yy-MM-ddTHH:mm:ssZ` by slicing."""
    with open(path, encoding="utf-8") as handle:
        records = json.load(handle)
    for index, record in enumerate(records):
        stamp = record["dateTime"]
        iso = f"20{stamp[6:8]}-{stamp[0:2]}-{stamp[3:5]}T{stamp[9:]}"
        value = record["value"]
        yield ("fitbit", "", iso + "Z", iso + "+00:00", 0, "utc", value["bpm"], value.get("confidence"),
               f"{path}#/{index}")


def fitbit_hr_csv(source, folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "heart_rate.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEART_RATE_COLUMNS)
        writer.writerows(fitbit_heart_rate_rows(source))


STORE_COLUMNS = ["series_id", "time_ms", "utc_offset_s", "offset_source", "heart_rate_bpm", "confidence", "origin_id",
                 "item"]


def fitbit_heart_rate_store_rows(path, series, origin):
    """Export heart_rate rows for wearport's compact store: `MM/dd/yy HH:mm:ss` (UTC) becomes milliseconds since the
    epoch (the day computed once per date, the time by slicing), the location is the origin plus the array index."""
    with open(path, encoding="utf-8") as handle:
        records = json.load(handle)
    days = {}
    for index, record in enumerate(records):
        stamp = record["dateTime"]
        day = days.get(stamp[0:8])
        if day is None:
            day = days[stamp[0:8]] = calendar.timegm((2000 + int(stamp[6:8]), int(stamp[0:2]), int(stamp[3:5]), 0, 0,
                                                      0, 0, 0, 0))
        seconds = day + int(stamp[9:11]) * 3600 + int(stamp[12:14]) * 60 + int(stamp[15:17])
        value = record["value"]
        yield (series, seconds * 1000, 0, "utc", value["bpm"], value.get("confidence"), origin, index)


def fitbit_hr_sqlite(source, database_path, schema_path):
    with open(schema_path, encoding="utf-8") as handle:
        schema = handle.read()
    database = sqlite3.connect(database_path)
    database.executescript("PRAGMA page_size = 16384; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                           "PRAGMA synchronous = NORMAL;" + schema)
    placeholders = ", ".join("?" * len(STORE_COLUMNS))
    with database:
        series = database.execute("INSERT INTO sample_series (provider, user_id, metric) "
                                  "VALUES ('fitbit', '', 'heart_rate') RETURNING series_id").fetchone()[0]
        origin = database.execute("INSERT INTO origins (prefix) VALUES (?) RETURNING origin_id",
                                  (f"{source}#/",)).fetchone()[0]
        database.executemany(
            f"INSERT INTO heart_rate_store ({', '.join(STORE_COLUMNS)}) VALUES ({placeholders})",
            fitbit_heart_rate_store_rows(source, series, origin))
    database.close()


def fitbit_hr_store_csv(source, path):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(fitbit_heart_rate_store_rows(source, 1, 1))


def _seconds(duration):
    """`PT123S` / `PT1.5S` (the route's form) in seconds."""
    return float(duration[2:-1])


def polar_csv(source, folder):
    """Samples (start + i × recording rate, speed km/h → m/s) joined with the route fix at the same second, and the
    route with its times and the altitude sample of its second."""
    with open(source, encoding="utf-8") as handle:
        exercise = json.load(handle)
    exercise_id = "polar:" + str(exercise["id"])
    local = exercise["start_time"]
    offset = int(exercise["start_time_utc_offset"])
    start = calendar.timegm(time.strptime(local[:19], "%Y-%m-%dT%H:%M:%S")) - offset * 60
    channels = {}
    rate = 1
    for sample in exercise.get("samples", []):
        kind = int(sample.get("sample-type", sample.get("sample_type")))
        rate = sample.get("recording-rate", sample.get("recording_rate")) or rate
        channels[kind] = sample["data"].split(",")
    count = max(len(values) for values in channels.values())
    route = exercise.get("route", [])
    fixes = {}
    for point in route:
        fixes[round(_seconds(point["time"]))] = point

    day_cache = {}

    def utc(seconds, fraction=False):
        whole = int(seconds)
        day, second_of_day = divmod(whole, 86_400)
        prefix = day_cache.get(day)
        if prefix is None:
            prefix = day_cache[day] = time.strftime("%Y-%m-%dT", time.gmtime(day * 86_400))
        hours, rest = divmod(second_of_day, 3600)
        minutes, secs = divmod(rest, 60)
        tail = f".{round((seconds - whole) * 1000):03d}Z" if fraction else "Z"
        return f"{prefix}{hours:02d}:{minutes:02d}:{secs:02d}{tail}"

    def number(values, index, factor=1.0):
        if values is None or index >= len(values):
            return ""
        text = values[index]
        if text in ("", "null", "NaN", "-"):
            return ""
        value = float(text) * factor
        return int(value) if value.is_integer() else value

    hr, speed, cadence, power = channels.get(0), channels.get(1), channels.get(2), channels.get(4)
    altitude, temperature, distance = channels.get(3), channels.get(9), channels.get(10)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "exercise_samples.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["exercise_id", "sample_index", "time_utc", "elapsed_s", "heart_rate_bpm", "speed_mps",
                         "cadence_rpm", "power_w", "altitude_m", "distance_m", "temperature_c", "latitude_deg",
                         "longitude_deg"])
        for index in range(count):
            elapsed = index * rate
            fix = fixes.get(elapsed)
            heart = number(hr, index)
            writer.writerow((exercise_id, index, utc(start + elapsed), elapsed, "" if heart == 0 else heart,
                             number(speed, index, 1 / 3.6), number(cadence, index), number(power, index),
                             number(altitude, index), number(distance, index), number(temperature, index),
                             fix["latitude"] if fix else "", fix["longitude"] if fix else ""))
    with open(os.path.join(folder, "exercise_route.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["exercise_id", "point_index", "time_utc", "elapsed_s", "latitude_deg", "longitude_deg",
                         "altitude_m", "satellites"])
        for index, point in enumerate(route):
            elapsed = _seconds(point["time"])
            writer.writerow((exercise_id, index, utc(start + elapsed, True), elapsed, point["latitude"],
                             point["longitude"], number(altitude, round(elapsed / rate)), point.get("satellites", "")))


def main(argv):
    jobs = {"fitbit-hr-csv": fitbit_hr_csv, "fitbit-hr-sqlite": fitbit_hr_sqlite, "fitbit-hr-store-csv": fitbit_hr_store_csv,
            "polar-csv": polar_csv}
    if len(argv) < 3 or argv[0] not in jobs:
        print(__doc__, file=sys.stderr)
        return 64
    jobs[argv[0]](*argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
