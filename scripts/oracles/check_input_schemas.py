#!/usr/bin/env python3
"""Checks the JSON Schemas of schemas/input/ against the JSON documents wearport accepts.

    check_input_schemas.py [--wearport PATH] [--schemas DIR] [--no-controls] ROOT...

For each ROOT (a file, a folder, a .zip/.tar(.gz)/.gz archive) it runs `wearport inspect --json ROOT` once, and for
every document the tool recognised as a JSON format (every format id except xml.*) it loads the document the way the
tool reads it and validates it with Draft202012Validator against schemas/input/<format-id>.schema.json, the `$ref`s
resolved through a `referencing` registry of all the files in that folder (keyed by their `$id`).

A document is "accepted" when the tool converted it and reported no error located in it; an accepted document that
fails its schema is a FAIL (the schema is stricter than the tool). A document the tool refused, or converted only in
part (an error located in it: a rejected record), is "refused"; it is validated too, and the summary counts how many
of those the schema also rejects (the rest are checks only the tool makes: impossible calendar days, NaN values,
rules on file names).

Loading, like the tool's parser: a UTF-8 byte-order mark and leading whitespace are dropped; NaN, Infinity and
-Infinity are read (Python's json does); trailing commas before '}' or ']' are removed by a small pre-pass that skips
string literals; duplicate keys keep the last value. A document that still does not parse (for instance the
hand-saved Fitbit subscription lists with unquoted keys, which the tool tolerates because it reads nothing from them)
is listed as not checkable, and is not a failure. Documents that are not JSON at all (the legacy Fitbit <updates>
XML) are skipped.

Negative controls make sure the check cannot pass vacuously: a built-in set of wrong documents (one or more per
format family) must each FAIL their schema, and so must the known wrong-shape fixtures under Fixtures/bad and
Fixtures/fitbit/bad when a root contains them.

Output: one line per failure, `FAIL <path>[!<member>][:<line>] <format> <json-pointer>: <message>`, then a summary.
Exit status: 0 when everything holds; 1 on any failure, on an accepted JSON format id without a schema, on a schema
that is not valid 2020-12, on a negative control that passes, or when no document was validated at all; 2 when the
setup is wrong (jsonschema/referencing missing, wearport not runnable).
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tarfile
import zipfile

try:
    import referencing
    import referencing.jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError as error:  # the Swift test treats exit 2 as a setup failure (a failure in CI)
    print(f"SETUP jsonschema/referencing are not importable: {error} (pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))
MAX_ERRORS_PER_DOCUMENT = 5

# Fixtures whose shape is wrong on purpose (paths end with these): each must fail its schema when present.
CONTROL_FIXTURES = {
    "Fixtures/bad/polar-duration-number.json": "duration is a number, not an ISO-8601 duration string",
    "Fixtures/bad/polar-wrong-types.json": "wrong types: offset \"sixty\", distance \"far\", calories an array, …",
    "Fixtures/bad/polar-invalid-times.json": "hour 24 and minute 61 in start_time",
    "Fixtures/fitbit/bad/activity-log-list-bad-start.json": "hour 25 in startTime",
    "Fixtures/fitbit/bad/export/heart_rate-2024-02-01.json": "month 13 and a string bpm",
}

# Built-in wrong documents: (format id, what is wrong, document). Each must fail its schema.
CONTROL_DOCUMENTS = [
    ("polar.accesslink.exercise", "no start_time", {"id": "x1", "duration": "PT1M"}),
    ("polar.accesslink.exercise", "sample block without sample-type",
     {"id": "x2", "start-time": "2026-01-01T08:00:00", "samples": [{"recording-rate": 1, "data": "1,2"}]}),
    ("polar.accesslink.exercise", "offset beyond 18 h", {"id": "x3", "start_time": "2026-01-01T08:00:00",
                                                         "start_time_utc_offset": 1200}),
    ("polar.accesslink.sleep", "sleep_end_time missing", {"nights": [{"date": "2025-10-01",
                                                                    "sleep_start_time": "2025-09-30T23:00:00Z"}]}),
    ("polar.accesslink.continuous-heart-rate", "a sample without heart_rate",
     {"date": "2025-10-01", "heart_rate_samples": [{"sample_time": "00:02:08"}]}),
    ("polar.accesslink.activity", "zone without a timestamp",
     {"start_time": "2025-09-26T00:00", "samples": {"activity_zones": [{"zone": "SLEEP"}]}}),
    ("polar.flow-export.training-session", "exercises is not a list", {"exportVersion": "1.3", "exercises": {}}),
    ("polar.flow-export.sleep-result", "night without sleepResult", [{"night": "2025-01-01", "evaluation": {}}]),
    ("fitbit.api.daily-summary", "a summary value as a string", {"summary": {"steps": "15720"}, "activities": []}),
    ("fitbit.api.time-series", "entry without a value", {"activities-steps": [{"dateTime": "2018-12-26"}]}),
    ("fitbit.api.intraday", "dataset value as a string",
     {"activities-steps": [], "activities-steps-intraday": {"dataset": [{"time": "00:00:00", "value": "1"}]}}),
    ("fitbit.api.sleep", "a log without logId", {"sleep": [{"startTime": "2022-12-31T23:00:00.000"}]}),
    ("fitbit.api.activity-log-list", "unknown distanceUnit",
     {"activities": [{"logId": 1, "startTime": "2017-09-01T18:54:51.000-07:00", "distance": 5.5,
                      "distanceUnit": "Furlong"}]}),
    ("fitbit.export.heart-rate", "ISO time instead of MM/dd/yy",
     [{"dateTime": "2015-05-18T05:25:00", "value": {"bpm": 114, "confidence": 0}}]),
    ("fitbit.export.minute-series", "value missing", [{"dateTime": "12/12/15 13:00:00"}]),
    ("webhook.polar.payload", "no event", {"user_id": 475, "timestamp": "2018-05-15T14:22:24Z"}),
    ("webhook.fitbit.notifications", "not an array", {"collectionType": "activities"}),
    ("webhook.partitioned", "original_notifications missing", {"metadata": {}}),
]


def fail(message):
    print(message)


def strip_trailing_commas(text):
    """Removes commas that are followed (after whitespace) by '}' or ']', outside string literals."""
    out = []
    in_string = False
    escaped = False
    length = len(text)
    index = 0
    while index < length:
        char = text[index]
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif char == ",":
            look = index + 1
            while look < length and text[look] in " \t\r\n":
                look += 1
            if look >= length or text[look] not in "}]":
                out.append(char)
        else:
            out.append(char)
        index += 1
    return "".join(out)


class NotJSON(Exception):
    pass


def load_json(data):
    """The document as the tool reads it; raises NotJSON (with a reason) when it cannot be read."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotJSON(f"not UTF-8 ({error.reason} at byte {error.start})")
    stripped = text.lstrip(" \t\r\n")
    if not stripped:
        raise NotJSON("empty")
    if stripped[0] not in "{[":
        raise NotJSON("not a JSON object or array" + (" (XML)" if stripped[0] == "<" else ""))
    try:
        return json.loads(stripped)
    except ValueError:
        pass
    try:
        return json.loads(strip_trailing_commas(stripped))
    except ValueError as error:
        raise NotJSON(f"not JSON: {error}")


def read_member(path, member):
    """The bytes of `member` inside the archive at `path` (zip, tar, tar.gz), or of a .gz file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return archive.read(member)
    if tarfile.is_tarfile(path):
        with tarfile.open(path, "r:*") as archive:
            handle = archive.extractfile(member)
            if handle is None:
                raise KeyError(member)
            return handle.read()
    raise KeyError(member)


def document_bytes(entry):
    path, member, line = entry["path"], entry.get("member"), entry.get("line")
    if member:
        data = read_member(path, member)
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    if line:
        lines = data.split(b"\n")
        data = lines[line - 1] if line - 1 < len(lines) else b""
    return data


def label(entry):
    text = entry["path"]
    if entry.get("member"):
        text += "!" + entry["member"]
    if entry.get("line"):
        text += f":{entry['line']}"
    return text


def load_schemas(directory):
    """{format id: schema}, the registry of every file by $id, and problems found in the schemas themselves."""
    schemas, resources, problems = {}, [], []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".schema.json"):
            continue
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
            Draft202012Validator.check_schema(schema)
        except (ValueError, SchemaError) as error:
            problems.append(f"SCHEMA {name}: {getattr(error, 'message', error)}")
            continue
        format_id = name[: -len(".schema.json")]
        for key in ("$schema", "$id", "title", "description"):
            if key not in schema:
                problems.append(f"SCHEMA {name}: no {key}")
        resource = referencing.Resource.from_contents(schema, default_specification=referencing.jsonschema.DRAFT202012)
        resources.append((schema.get("$id", name), resource))
        schemas[format_id] = schema
    registry = referencing.Registry().with_resources(resources)
    return schemas, registry, problems


def pointer(error):
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in error.absolute_path) \
        if error.absolute_path else ""


def deepest(error):
    """The most specific error under anyOf/oneOf branches, for a readable message."""
    while error.context:
        error = max(error.context, key=lambda child: len(child.absolute_path))
    return error


def validate(validators, format_id, document):
    validator = validators[format_id]
    return sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))


def inspect(wearport, root):
    process = subprocess.run([wearport, "inspect", "--json", root], capture_output=True)
    try:
        return json.loads(process.stdout)
    except ValueError:
        print(f"SETUP wearport inspect --json {root} printed no JSON (status {process.returncode}): "
              f"{process.stderr.decode('utf-8', 'replace')[:400]}", file=sys.stderr)
        sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="+", metavar="ROOT")
    parser.add_argument("--wearport", default=os.environ.get("WEARPORT_EXECUTABLE")
                        or os.path.join(REPOSITORY, ".build", "debug", "wearport"))
    parser.add_argument("--schemas", default=os.path.join(REPOSITORY, "schemas", "input"))
    parser.add_argument("--no-controls", action="store_true", help="skip the built-in negative controls")
    arguments = parser.parse_args()
    if not os.access(arguments.wearport, os.X_OK):
        print(f"SETUP wearport is not executable at {arguments.wearport} (give --wearport)", file=sys.stderr)
        return 2

    schemas, registry, problems = load_schemas(arguments.schemas)
    failures = list(problems)
    for problem in problems:
        fail(problem)
    validators = {key: Draft202012Validator(schema, registry=registry) for key, schema in schemas.items()}

    counts = {"accepted_valid": 0, "refused_invalid": 0, "refused_valid": 0, "not_checkable": 0, "not_json": 0,
              "controls": 0}
    by_format = {}
    missing_schema = set()
    refused_valid = []
    not_checkable = []
    seen_controls = set()

    for root in arguments.roots:
        report = inspect(arguments.wearport, root)
        errors_at = {}
        for diagnostic in report.get("diagnostics", []):
            if diagnostic.get("severity") == "error" and diagnostic.get("path"):
                key = (diagnostic["path"], diagnostic.get("member"))
                errors_at.setdefault(key, []).append(diagnostic.get("line"))
        for entry in report.get("documents", []):
            format_id = entry.get("format")
            if not format_id or format_id.startswith("xml."):
                continue
            status = entry.get("status")
            lines_with_errors = errors_at.get((entry["path"], entry.get("member")), [])
            if entry.get("line"):
                has_error = entry["line"] in lines_with_errors
            else:
                has_error = bool(lines_with_errors)
            accepted = status == "converted" and not has_error
            control = next((suffix for suffix in CONTROL_FIXTURES
                            if entry["path"].replace(os.sep, "/").endswith(suffix)), None)
            try:
                document = load_json(document_bytes(entry))
            except NotJSON as error:
                reason = str(error)
                if reason.startswith("not a JSON object or array (XML)") or reason == "empty":
                    counts["not_json"] += 1
                elif accepted:
                    counts["not_checkable"] += 1
                    not_checkable.append(f"{label(entry)} ({format_id}): {reason}")
                continue
            except (OSError, KeyError, EOFError, zipfile.BadZipFile, tarfile.TarError) as error:
                counts["not_checkable"] += 1
                not_checkable.append(f"{label(entry)} ({format_id}): cannot read the member: {error}")
                continue
            if format_id not in validators:
                if accepted:
                    missing_schema.add(format_id)
                continue
            errors = validate(validators, format_id, document)
            tally = by_format.setdefault(format_id, [0, 0])
            if control:
                seen_controls.add(control)
                if errors:
                    counts["controls"] += 1
                else:
                    failures.append(label(entry))
                    fail(f"CONTROL-PASSED {label(entry)} {format_id}: expected to fail ({CONTROL_FIXTURES[control]})")
                continue
            if accepted:
                if errors:
                    failures.append(label(entry))
                    for error in errors[:MAX_ERRORS_PER_DOCUMENT]:
                        detail = deepest(error)
                        fail(f"FAIL {label(entry)} {format_id} {pointer(detail) or '/'}: {detail.message[:300]}")
                    if len(errors) > MAX_ERRORS_PER_DOCUMENT:
                        fail(f"FAIL {label(entry)} … {len(errors) - MAX_ERRORS_PER_DOCUMENT} more error(s)")
                    tally[1] += 1
                else:
                    counts["accepted_valid"] += 1
                    tally[0] += 1
            elif errors:
                counts["refused_invalid"] += 1
            else:
                counts["refused_valid"] += 1
                refused_valid.append(f"{label(entry)} ({format_id})")

    if not arguments.no_controls:
        for format_id, what, document in CONTROL_DOCUMENTS:
            if format_id not in validators:
                failures.append(format_id)
                fail(f"CONTROL-MISSING-SCHEMA {format_id}")
            elif validate(validators, format_id, document):
                counts["controls"] += 1
            else:
                failures.append(format_id)
                fail(f"CONTROL-PASSED built-in {format_id}: expected to fail ({what})")

    for format_id in sorted(missing_schema):
        failures.append(format_id)
        fail(f"NO-SCHEMA {format_id}: the tool accepted documents of this format and schemas/input has no "
             f"{format_id}.schema.json")
    for item in refused_valid:
        print(f"note: refused by the tool, valid for the schema (a check only the tool makes): {item}")
    for item in not_checkable:
        print(f"note: not checkable: {item}")
    total = counts["accepted_valid"] + sum(tally[1] for tally in by_format.values())
    formats = ", ".join(f"{key} {value[0]}" + (f"/{value[0] + value[1]}" if value[1] else "")
                        for key, value in sorted(by_format.items()))
    print(f"schemas: {len(schemas)} ({len(problems)} invalid); formats seen: {len(by_format)}")
    print(f"per format (valid accepted documents): {formats or 'none'}")
    print(f"accepted documents: {total}, valid {counts['accepted_valid']}, failed {total - counts['accepted_valid']}; "
          f"refused documents: {counts['refused_invalid']} also invalid for the schema, {counts['refused_valid']} "
          f"valid for it; not checkable: {counts['not_checkable']}; not JSON: {counts['not_json']}; "
          f"negative controls that failed as expected: {counts['controls']}")
    if total == 0:
        fail("FAIL no accepted JSON document was validated")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
