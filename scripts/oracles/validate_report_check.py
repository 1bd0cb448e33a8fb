#!/usr/bin/env python3
"""Independent checks of `wearport validate` reports (used by Tests/WearportCLITests/ValidateReportTests.swift).

usage: validate_report_check.py SCHEMA [--json REPORT.json ...] [--junit REPORT.xml ...]

Validates each JSON report against SCHEMA (JSON Schema 2020-12, with the `jsonschema` package) and reads each JUnit
report twice: with xml.etree against the documented structure (testsuites > testsuite > testcase > failure|skipped|
system-out, with tests/failures attributes matching the elements) and with the `junitparser` package when it is
installed. Prints one JSON object: {"schema_errors": {file: [..]}, "junit": {file: {...}}, "junitparser": bool};
exits 1 when jsonschema is missing.
"""
import json
import sys
import xml.etree.ElementTree as ElementTree

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed (scripts/setup --oracles)", file=sys.stderr)
    sys.exit(1)

try:
    import junitparser
except ImportError:
    junitparser = None


def check_json(schema, path):
    with open(path, encoding="utf-8") as handle:
        report = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(report)]


def check_junit_structure(path):
    """The documented structure, with xml.etree; returns (summary, problems)."""
    problems = []
    root = ElementTree.parse(path).getroot()
    if root.tag != "testsuites":
        problems.append(f"root is <{root.tag}>, not <testsuites>")
    suites = root.findall("testsuite")
    if len(suites) != 1:
        problems.append(f"{len(suites)} <testsuite> elements, expected 1")
    cases = []
    for suite in suites:
        for case in suite:
            if case.tag != "testcase":
                problems.append(f"<{case.tag}> inside <testsuite>")
                continue
            for child in case:
                if child.tag not in ("failure", "skipped", "system-out"):
                    problems.append(f"<{child.tag}> inside <testcase>")
            failures = case.findall("failure")
            for failure in failures:
                if not failure.get("type") or failure.get("message") is None:
                    problems.append("a <failure> without type or message")
            cases.append({
                "name": case.get("name"),
                "classname": case.get("classname"),
                "failures": len(failures),
                "failure_types": [failure.get("type") for failure in failures],
                "skipped": case.find("skipped") is not None,
            })
        tests = int(suite.get("tests", "-1"))
        failed = sum(1 for case in suite.findall("testcase") if case.find("failure") is not None)
        if tests != len(suite.findall("testcase")):
            problems.append(f"testsuite tests={tests} but {len(suite.findall('testcase'))} test cases")
        if int(suite.get("failures", "-1")) != failed:
            problems.append(f"testsuite failures={suite.get('failures')} but {failed} failed test cases")
    if root.get("tests") != (suites[0].get("tests") if suites else None):
        problems.append("testsuites tests differs from its testsuite")
    if root.get("failures") != (suites[0].get("failures") if suites else None):
        problems.append("testsuites failures differs from its testsuite")
    return {
        "tests": int(root.get("tests", "-1")),
        "failures": int(root.get("failures", "-1")),
        "cases": cases,
    }, problems


def check_junit_parser(path):
    """What junitparser, a JUnit XML library CI tools build on, reads."""
    xml = junitparser.JUnitXml.fromfile(path)
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = []
    for suite in suites:
        for case in suite:
            results = case.result
            cases.append({
                "name": case.name,
                "failures": sum(1 for result in results if isinstance(result, junitparser.Failure)),
                "skipped": any(isinstance(result, junitparser.Skipped) for result in results),
                "passed": case.is_passed,
            })
    return {"suites": len(suites), "tests": sum(suite.tests for suite in suites),
            "failures": sum(suite.failures for suite in suites), "cases": cases}


def main(arguments):
    schema_path = arguments[0]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    mode = None
    result = {"schema_errors": {}, "junit": {}, "junitparser": junitparser is not None}
    for argument in arguments[1:]:
        if argument in ("--json", "--junit"):
            mode = argument
        elif mode == "--json":
            result["schema_errors"][argument] = check_json(schema, argument)
        elif mode == "--junit":
            summary, problems = check_junit_structure(argument)
            summary["problems"] = problems
            if junitparser is not None:
                summary["junitparser"] = check_junit_parser(argument)
            result["junit"][argument] = summary
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
