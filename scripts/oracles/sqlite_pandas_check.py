#!/usr/bin/env python3
"""Independent oracle for wearport's SQLite output: what pandas reads from the database equals what it reads from
the CSV files of the same conversion.

Usage: sqlite_pandas_check.py TABLES_JSON DATABASE CSV_FOLDER

For every CSV file <table>.csv, `pd.read_sql("SELECT * FROM <table>")` must give the same columns in the same order
and, rows sorted by all columns' text, the same values: numbers equal (NaN for empty), *_utc columns the same
instants (the database keeps milliseconds, the CSV omits zero ones), local times equal but for `.000`, other text
equal. The heart_rate and
metric_samples tables are views over compact storage, so this checks the views' rendering against the CSV writer.
Prints one line per table and exits 1 when any check fails.
"""
import json
import os
import sqlite3
import sys

import pandas as pd
from pandas.api import types


def normalised(frame):
    """Comparable values: instants for *_utc, floats for numbers, text otherwise. A column with no value at all is
    text '' on both sides (pandas reads an empty CSV column as float NaN and a NULL SQLite column as None, and a
    missing user id is stored as '' in the database, by its key convention)."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if values.isna().all() or (values.astype(str) == "").all():
            frame[column] = ""
        elif column.endswith("_utc"):
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
        elif types.is_numeric_dtype(frame[column]) or types.is_bool_dtype(frame[column]):
            frame[column] = frame[column].astype("float64")
        elif column.endswith("_local") or column == "time_local":
            # The CSV writer gives every time of a column milliseconds when some have them (one format per column).
            frame[column] = frame[column].fillna("").astype(str).str.replace(r"\.000(?=[+-]\d\d:\d\d)", "", regex=True)
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def main(argv):
    package, database, folder = argv
    with open(package, encoding="utf-8") as handle:
        resources = {r["name"]: r for r in json.load(handle)["resources"]}
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    problems = []
    tables = sorted(name[: -len(".csv")] for name in os.listdir(folder) if name.endswith(".csv"))
    for table in tables:
        # Text fields as text (an all-digits user id would otherwise become a float), empty as ''.
        text = {f["name"]: str for f in resources[table]["schema"]["fields"] if f["type"] == "string"}
        from_csv = pd.read_csv(os.path.join(folder, table + ".csv"), dtype=text)
        for column in text:
            from_csv[column] = from_csv[column].fillna("")
        from_sql = pd.read_sql(f"SELECT * FROM {table}", connection)
        if list(from_csv.columns) != list(from_sql.columns):
            problems.append(f"{table}: columns {list(from_sql.columns)} differ from the CSV's {list(from_csv.columns)}")
            continue
        if table == "sources":
            # Per-import bookkeeping (times, skipped documents) differs between two runs by design.
            print(f"{table}: {len(from_sql)} rows, columns match")
            continue
        if len(from_csv) != len(from_sql):
            problems.append(f"{table}: {len(from_sql)} rows in SQLite, {len(from_csv)} in the CSV")
            continue
        left, right = normalised(from_csv), normalised(from_sql)
        for column in left.columns:
            a, b = left[column], right[column]
            same = a.equals(b) or (types.is_float_dtype(a) and ((a == b) | (a.isna() & b.isna())).all())
            if not same:
                row = next(i for i in range(len(a)) if not (a[i] == b[i] or (pd.isna(a[i]) and pd.isna(b[i]))))
                problems.append(f"{table}.{column}: row {row}: CSV {a[row]!r}, SQLite {b[row]!r}")
        print(f"{table}: {len(from_sql)} rows")
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
