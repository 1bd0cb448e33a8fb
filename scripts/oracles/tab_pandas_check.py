#!/usr/bin/env python3
"""Independent oracle for wearport's CSV output: pandas must read every file with the right types.

Usage: tab_pandas_check.py TABLES_JSON FILE.csv...

For each file (named <table>.csv), the table's fields come from the Frictionless package TABLES_JSON
(schemas/tables.json). Checks, without any argument to read_csv beyond parse_dates:
  - the header equals the field names, in order;
  - integer and number fields get a numeric dtype from pd.read_csv(path);
  - every *_utc field parsed with parse_dates gets datetime64 with UTC;
  - date fields parse with parse_dates too.
Prints one line per file and exits 1 when any check fails.
"""
import json
import os
import sys

import pandas as pd
from pandas.api import types


def check(path, resources):
    name = os.path.basename(path)[: -len(".csv")]
    resource = resources.get(name)
    if resource is None:
        return [f"{name}: no such table in the package"]
    fields = resource["schema"]["fields"]
    problems = []
    frame = pd.read_csv(path)
    if list(frame.columns) != [f["name"] for f in fields]:
        problems.append(f"{name}: header {list(frame.columns)} differs from the schema")
        return problems
    for field in fields:
        column = field["name"]
        if field["type"] in ("integer", "number") and not types.is_numeric_dtype(frame[column]):
            problems.append(f"{name}.{column}: {field['type']} read as {frame[column].dtype}")
    utc_columns = [f["name"] for f in fields if f["name"].endswith("_utc")]
    date_columns = [f["name"] for f in fields if f["type"] == "date"]
    if utc_columns or date_columns:
        parsed = pd.read_csv(path, parse_dates=utc_columns + date_columns)
        for column in utc_columns:
            dtype = parsed[column].dtype
            if not (types.is_datetime64_any_dtype(dtype) and str(getattr(dtype, "tz", None)) == "UTC"):
                if parsed[column].notna().any():
                    problems.append(f"{name}.{column}: parse_dates gave {dtype}, not datetime64 UTC")
        for column in date_columns:
            if parsed[column].notna().any() and not types.is_datetime64_any_dtype(parsed[column].dtype):
                problems.append(f"{name}.{column}: parse_dates gave {parsed[column].dtype}, not datetime64")
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as handle:
        package = json.load(handle)
    resources = {r["name"]: r for r in package["resources"]}
    failed = False
    for path in sys.argv[2:]:
        problems = check(path, resources)
        if problems:
            failed = True
            for problem in problems:
                print("FAIL " + problem)
        else:
            print(f"ok {os.path.basename(path)} ({len(pd.read_csv(path))} rows)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
