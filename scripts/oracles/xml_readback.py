#!/usr/bin/env python3
"""Independent read-back of a TCX or GPX file, for wearport's tests (issue 6, item 4).

Usage: xml_readback.py FILE.tcx|FILE.gpx

Reads the file with python-tcxparser (TCX) or gpxpy (GPX), never with libxml2 through wearport, and prints one JSON
object: the reader used, the number of trackpoints, the first and last time in UTC (ISO 8601 with milliseconds and
Z), and the heart-rate, cadence and power values in document order. Exit status 1 when the file cannot be read.
"""
import json
import sys
from datetime import timezone


def utc(value):
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("a time has no time zone")
    value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)


def read_tcx(path):
    import tcxparser

    parser = tcxparser.TCXParser(path)
    times = parser.time_objects()
    ns = {"ns": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
    ext = {"ns": "http://www.garmin.com/xmlschemas/ActivityExtension/v2"}
    trackpoint_cadence = [int(x.text) for x in parser.root.xpath("//ns:Trackpoint/ns:Cadence", namespaces=ns)]
    run_cadence = [int(x.text) for x in parser.root.xpath("//ns:TPX/ns:RunCadence", namespaces=ext)]
    return {
        "reader": "python-tcxparser",
        "sport": parser.activity_type,
        "points": len(parser.root.xpath("//ns:Trackpoint", namespaces=ns)),
        "first_time_utc": utc(times[0]) if times else None,
        "last_time_utc": utc(times[-1]) if times else None,
        "hr": parser.hr_values(),
        "cadence": trackpoint_cadence + run_cadence,
        "cadence_values": parser.cadence_values(),
        "power": parser.power_values(),
    }


def read_gpx(path):
    import gpxpy

    with open(path, encoding="utf-8") as handle:
        gpx = gpxpy.parse(handle)
    points = [point for track in gpx.tracks for segment in track.segments for point in segment.points]
    hr, cadence = [], []
    for point in points:
        for extension in point.extensions:
            for element in extension.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "hr":
                    hr.append(int(element.text))
                elif tag == "cad":
                    cadence.append(int(element.text))
    return {
        "reader": "gpxpy",
        "points": len(points),
        "first_time_utc": utc(points[0].time) if points else None,
        "last_time_utc": utc(points[-1].time) if points else None,
        "hr": hr,
        "cadence": cadence,
        "power": [],
        "latitudes": [point.latitude for point in points[:3]],
        "elevations": [point.elevation for point in points[:3]],
    }


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        result = read_tcx(path) if path.lower().endswith(".tcx") else read_gpx(path)
    except Exception as error:  # any failure of the oracle is a failed read-back
        print(f"{path}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
