"""Deterministic benchmark inputs: GPX 1.1 track, Polar AccessLink exercise, Fitbit export heart_rate file and a
synthetic Fitbit account export folder (`user-site-export/` layout). Synthetic values only.

Every input is generated into `<work>/inputs/<name>/` through a temporary folder renamed into place, with a
`manifest.json` beside its files recording the generator version, the seed, the sizes and the expected counts and
sums the checks compare outputs with. An input whose manifest matches the current generator version is reused.
"""
import calendar
import json
import math
import os
import random
import shutil
import time

GENERATOR_VERSION = 1
SEED = 20260301

# One exercise may last a week (Sources/WearportCore/Units/Plausibility.swift): a longer span draws the
# plausibility.duration warning, the only warning a generated input may draw (1M points at 1 s span 11.6 days).
PLAUSIBLE_DURATION_S = 7 * 86_400


class Stamps:
    """Fast UTC stamp formatting for whole seconds: the date part is formatted once per day."""

    def __init__(self, date_format):
        self.date_format = date_format
        self.cache = {}

    def __call__(self, seconds, separator, suffix=""):
        day, second_of_day = divmod(int(seconds), 86_400)
        prefix = self.cache.get(day)
        if prefix is None:
            prefix = time.strftime(self.date_format, time.gmtime(day * 86_400))
            self.cache[day] = prefix
        hours, rest = divmod(second_of_day, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{prefix}{separator}{hours:02d}:{minutes:02d}:{secs:02d}{suffix}"


ISO = Stamps("%Y-%m-%d")
US_SHORT = Stamps("%m/%d/%y")


def epoch(text):
    """Seconds since the epoch of a UTC `YYYY-MM-DDTHH:MM:SS`."""
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%S"))


class Walk:
    """A bounded random walk, deterministic for its generator."""

    def __init__(self, rng, start, low, high, step):
        self.rng, self.value, self.low, self.high, self.step = rng, start, low, high, step

    def next(self):
        self.value += (self.rng.random() - 0.5) * 2 * self.step
        if self.value < self.low:
            self.value = 2 * self.low - self.value
        elif self.value > self.high:
            self.value = 2 * self.high - self.value
        return self.value


def _rng(name):
    return random.Random(f"{SEED}:{name}")


def _track(rng, points):
    """Yields (heart rate bpm, cadence, latitude, longitude, elevation m, speed m/s) per second: a walk."""
    heart = Walk(rng, 110.0, 70.0, 175.0, 1.5)
    cadence = Walk(rng, 55.0, 45.0, 65.0, 0.8)
    elevation = Walk(rng, 120.0, 10.0, 900.0, 0.3)
    speed = Walk(rng, 1.5, 1.1, 1.9, 0.05)
    heading = rng.random() * 2 * math.pi
    lat, lon = 60.2198283, 25.1392500
    for _ in range(points):
        step = speed.next()
        heading += (rng.random() - 0.5) * 0.2
        lat += step * math.cos(heading) / 111_320.0
        lon += step * math.sin(heading) / (111_320.0 * math.cos(math.radians(lat)))
        # Stay inside a box so a long track does not wander off the map.
        if abs(lat - 60.2) > 0.5 or abs(lon - 25.1) > 0.9:
            heading += math.pi
        yield round(heart.next()), round(cadence.next()), lat, lon, elevation.next(), step


GPX_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="wearport scripts/bench" xmlns="http://www.topografix.com/GPX/1/1" \
xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd \
http://www.garmin.com/xmlschemas/TrackPointExtension/v1 \
http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">
  <metadata>
    <time>{start}</time>
  </metadata>
  <trk>
    <name>Synthetic walk ({points} points)</name>
    <type>walking</type>
    <trkseg>
"""
GPX_POINT = """      <trkpt lat="{:.7f}" lon="{:.7f}">
        <ele>{:.1f}</ele>
        <time>{}</time>
        <extensions>
          <gpxtpx:TrackPointExtension>
            <gpxtpx:hr>{}</gpxtpx:hr>
            <gpxtpx:cad>{}</gpxtpx:cad>
          </gpxtpx:TrackPointExtension>
        </extensions>
      </trkpt>
"""
GPX_TAIL = """    </trkseg>
  </trk>
</gpx>
"""


def gpx(folder, points):
    """One track of `points` trackpoints at 1 s with TrackPointExtension v1 heart rate and cadence."""
    start = epoch("2026-03-01T06:00:00")
    path = os.path.join(folder, "track.gpx")
    hr_sum = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(GPX_HEAD.format(start=ISO(start, "T", "Z"), points=points))
        chunk = []
        for index, (hr, cad, lat, lon, ele, _) in enumerate(_track(_rng(f"gpx:{points}"), points)):
            hr_sum += hr
            chunk.append(GPX_POINT.format(lat, lon, ele, ISO(start + index, "T", "Z"), hr, cad))
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        out.write(GPX_TAIL)
    return {"file": "track.gpx", "points": points, "hr_sum": hr_sum, "span_s": points - 1}


def polar(folder, points):
    """One AccessLink v3 exercise (`/v3/exercises/{id}?samples=true&route=true`): heart rate, speed (km/h), cadence,
    altitude and distance samples at a 1 s recording rate, as comma-separated `data` strings with kebab-case
    `recording-rate`/`sample-type` (as the API writes nested keys), and a route of the same length."""
    streams = {0: [], 1: [], 2: [], 3: [], 10: []}
    route = []
    hr_sum = 0
    hr_max = 0
    distance = 0.0
    for index, (hr, cad, lat, lon, ele, speed) in enumerate(_track(_rng(f"polar:{points}"), points)):
        hr_sum += hr
        hr_max = max(hr_max, hr)
        streams[0].append(str(hr))
        streams[1].append(f"{speed * 3.6:.1f}")
        streams[2].append(str(cad))
        streams[3].append(f"{ele:.1f}")
        streams[10].append(f"{distance:.1f}")
        distance += speed
        route.append(
            f'{{"latitude":{lat:.8f},"longitude":{lon:.8f},"time":"PT{index}S","satellites":{9 + index % 3},"fix":3}}')
    summary = {
        "id": f"Bench{points}",
        "upload_time": "2026-03-13T19:00:00.000Z",
        "polar_user": "https://www.polaraccesslink.com/v3/users/90000009",
        "device": "Polar Grit X2 Pro",
        "device_id": "B3NCH001",
        "start_time": "2026-03-01T07:00:00",
        "start_time_utc_offset": 60,
        "duration": f"PT{points}S",
        "calories": min(65_000, points // 12),
        "distance": round(distance, 1),
        "heart_rate": {"average": round(hr_sum / points), "maximum": hr_max},
        "sport": "WALKING",
        "has_route": True,
        "detailed_sport_info": "WALKING",
    }
    path = os.path.join(folder, "exercise.json")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        head = json.dumps(summary, indent=2)
        out.write(head[:-2] + ',\n  "samples": [\n')
        for position, (kind, values) in enumerate(streams.items()):
            comma = "," if position < len(streams) - 1 else ""
            out.write(f'    {{"recording-rate": 1, "sample-type": {kind}, "data": "{",".join(values)}"}}{comma}\n')
        out.write('  ],\n  "route": [\n    ')
        for start in range(0, len(route), 10_000):
            if start:
                out.write(",\n    ")
            out.write(",\n    ".join(route[start:start + 10_000]))
        out.write("\n  ]\n}\n")
    return {"file": "exercise.json", "points": points, "hr_sum": hr_sum, "span_s": points}


def _fitbit_heart_records(out, rng, start, count, step, first):
    """Writes `count` export heart-rate records in the export's pretty-printed style (Jackson: `" : "`, records
    joined by `}, {`); returns the bpm sum."""
    heart = Walk(rng, 68.0, 45.0, 165.0, 1.2)
    total = 0
    chunk = []
    for index in range(count):
        bpm = round(heart.next())
        total += bpm
        chunk.append(
            '%s{\n  "dateTime" : "%s",\n  "value" : {\n    "bpm" : %d,\n    "confidence" : %d\n  }\n}'
            % ("" if first and index == 0 else ", ", US_SHORT(start + index * step, " "), bpm, 1 + index % 3))
        if len(chunk) == 10_000:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))
    return total


def fitbit_heart_rate(folder, points):
    """One export file `heart_rate-YYYY-MM-DD.json` with `points` readings 5 s apart."""
    start = epoch("2026-03-01T00:00:00")
    name = "heart_rate-2026-03-01.json"
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as out:
        out.write("[ ")
        hr_sum = _fitbit_heart_records(out, _rng(f"fitbit-hr:{points}"), start, points, 5, True)
        out.write(" ]")
    return {"file": name, "points": points, "hr_sum": hr_sum}


def _json_array(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        json.dump(records, out, indent=2, separators=(",", " : "))


def _minute_file(path, start, minutes, value):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("[ ")
        chunk = []
        for index in range(minutes):
            stamp = US_SHORT(start + index * 60, " ")
            chunk.append('%s{\n  "dateTime" : "%s",\n  "value" : "%s"\n}' % (", " if index else "", stamp, value(index)))
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        out.write(" ]")


def _sleep_log(rng, log_id, night_local):
    """One stages sleep log starting 22:30–23:30 local on the given local midnight (seconds), 7–8.5 h long."""
    start = night_local + 22 * 3600 + 1800 + rng.randrange(0, 3600, 60)
    stages = []
    at = start
    end = start + rng.randrange(7 * 3600, 8 * 3600 + 1800, 300)
    minutes = {"wake": 0, "light": 0, "deep": 0, "rem": 0}
    cycle = ["wake", "light", "deep", "light", "rem"]
    index = 0
    while at < end:
        level = cycle[index % len(cycle)]
        seconds = min(end - at, rng.randrange(600, 3000, 30))
        stages.append({"dateTime": ISO(at, "T", ".000"), "level": level, "seconds": seconds})
        minutes[level] += seconds // 60
        at += seconds
        index += 1
    duration = end - start
    asleep = (duration // 60) - minutes["wake"]
    return {
        "logId": log_id,
        "dateOfSleep": ISO(end, "T")[:10],
        "startTime": ISO(start, "T", ".000"),
        "endTime": ISO(end, "T", ".000"),
        "duration": duration * 1000,
        "minutesToFallAsleep": 0,
        "minutesAsleep": asleep,
        "minutesAwake": minutes["wake"],
        "minutesAfterWakeup": 0,
        "timeInBed": duration // 60,
        "efficiency": round(100 * asleep / (duration // 60)),
        "type": "stages",
        "infoCode": 0,
        "levels": {
            "summary": {level: {"count": sum(1 for s in stages if s["level"] == level), "minutes": value,
                                "thirtyDayAvgMinutes": value} for level, value in minutes.items()},
            "data": stages,
            "shortData": [],
        },
        "mainSleep": True,
    }, len(stages)


def _exercise_log(rng, log_id, start):
    minutes = rng.randrange(20, 90)
    steps = minutes * rng.randrange(95, 130)
    distance_km = round(steps * 0.75 / 1000, 3)
    avg = rng.randrange(105, 150)
    return {
        "logId": log_id,
        "activityName": "Walk",
        "activityTypeId": 90013,
        "activityLevel": [{"minutes": 0, "name": "sedentary"}, {"minutes": minutes // 4, "name": "lightly"},
                          {"minutes": minutes - minutes // 4, "name": "fairly"}, {"minutes": 0, "name": "very"}],
        "averageHeartRate": avg,
        "calories": minutes * 5,
        "distance": distance_km,
        "distanceUnit": "Kilometer",
        "duration": minutes * 60_000,
        "activeDuration": minutes * 60_000,
        "steps": steps,
        "source": {"type": "tracker", "name": "Charge 6", "id": "900001", "url": "https://www.fitbit.com/",
                   "trackerFeatures": ["HEARTRATE", "STEPS", "DISTANCE"]},
        "logType": "auto_detected",
        "manualValuesSpecified": {"calories": False, "distance": False, "steps": False},
        "tcxLink": f"https://www.fitbit.com/activities/exercise/{log_id}?export=tcx",
        "speed": round(distance_km / (minutes / 60), 3),
        "pace": round(minutes * 60 / max(distance_km, 0.001), 2),
        "lastModified": US_SHORT(start + minutes * 60 + 180, " "),
        "startTime": US_SHORT(start, " "),
        "originalStartTime": US_SHORT(start, " "),
        "originalDuration": minutes * 60_000,
        "elevationGain": 3.048,
        "hasGps": False,
        "shouldFetchDetails": False,
        "heartRateZones": [
            {"name": "Out of Range", "min": 30, "max": 97, "minutes": 0},
            {"name": "Fat Burn", "min": 97, "max": 135, "minutes": minutes},
            {"name": "Cardio", "min": 135, "max": 164, "minutes": 0},
            {"name": "Peak", "min": 164, "max": 220, "minutes": 0},
        ],
    }


def fitbit_export(folder, days):
    """A synthetic account export of `days` days from 2025-01-01 for a user at UTC+01:00, in the legacy
    `user-site-export/<kind>/` layout: daily heart_rate files at 5 s (the local day, so 23:00 UTC the day before
    to 22:59:55), monthly per-minute steps/distance/calories files (UTC), monthly sleep files (local time, one main
    sleep a night), exercises in `exercise-N.json` files of 100 (300 a year), and `trophy.json` whose stamp gives the
    local offset."""
    rng = _rng(f"export:{days}")
    root = os.path.join(folder, "user-site-export")
    offset = 3600
    first_day = epoch("2025-01-01T00:00:00")
    expected = {"heart_rate": 0, "metric_sample": 0, "sleep_session": 0, "exercise": 0}
    sums = {"heart_rate_bpm": 0, "sleep_stages": 0}
    for kind in ["heart_rate", "steps", "distance", "calories", "sleep", "exercise"]:
        os.makedirs(os.path.join(root, kind))

    per_day = 86_400 // 5
    for day in range(days):
        local_midnight = first_day + day * 86_400
        name = f"heart_rate-{ISO(local_midnight, 'T')[:10]}.json"
        with open(os.path.join(root, "heart_rate", name), "w", encoding="utf-8", newline="\n") as out:
            out.write("[ ")
            sums["heart_rate_bpm"] += _fitbit_heart_records(
                out, _rng(f"export-hr:{day}"), local_midnight - offset, per_day, 5, True)
            out.write(" ]")
        expected["heart_rate"] += per_day

    # Monthly minute files (UTC minutes of the month; the last file ends with the export).
    end = first_day + days * 86_400
    month_starts = []
    at = first_day
    while at < end:
        month_starts.append(at)
        year, month = time.gmtime(at)[:2]
        at = epoch(f"{year + month // 12}-{month % 12 + 1:02d}-01T00:00:00")
    for index, month_start in enumerate(month_starts):
        month_end = month_starts[index + 1] if index + 1 < len(month_starts) else end
        minutes = (month_end - month_start) // 60
        date = ISO(month_start, "T")[:10]
        steps_rng = _rng(f"export-steps:{date}")
        steps = [0 if steps_rng.random() < 0.6 else steps_rng.randrange(1, 130) for _ in range(minutes)]
        _minute_file(os.path.join(root, "steps", f"steps-{date}.json"), month_start, minutes, lambda i: steps[i])
        _minute_file(os.path.join(root, "distance", f"distance-{date}.json"), month_start, minutes,
                     lambda i: steps[i] * 74)
        _minute_file(os.path.join(root, "calories", f"calories-{date}.json"), month_start, minutes,
                     lambda i: f"{1.07 + steps[i] * 0.045:.2f}")
        expected["metric_sample"] += 3 * minutes

        logs = []
        night = month_start
        while night < month_end:
            log, stage_count = _sleep_log(rng, 45_000_000_000 + (night - first_day) // 86_400, night)
            logs.append(log)
            sums["sleep_stages"] += stage_count
            night += 86_400
        _json_array(os.path.join(root, "sleep", f"sleep-{date}.json"), logs)
        expected["sleep_session"] += len(logs)

    exercises = max(1, round(300 * days / 365))
    for batch in range(0, exercises, 100):
        logs = []
        for number in range(batch, min(exercises, batch + 100)):
            day = number * days // exercises
            start = first_day + day * 86_400 + 7 * 3600 + rng.randrange(0, 10 * 3600, 60) - offset
            logs.append(_exercise_log(rng, 61_000_000_000 + number, start))
        _json_array(os.path.join(root, "exercise", f"exercise-{batch}.json"), logs)
        expected["exercise"] += len(logs)

    _json_array(os.path.join(root, "trophy.json"), [
        {"name": "Marathon", "dateTime": ISO(first_day + 40 * 86_400, "T")[:10],
         "lastEarned": ISO(first_day + 40 * 86_400 + 12 * 3600, "T", ".120+01:00")},
        {"name": "Penguin March", "dateTime": ISO(first_day + (days - 1) * 86_400, "T")[:10],
         "lastEarned": ISO(first_day + (days - 1) * 86_400 + 15 * 3600, "T", ".451+01:00")},
    ])
    return {"file": "user-site-export", "days": days, "points": sum(expected.values()), "expected": expected,
            "sums": sums, "hr_sum": sums["heart_rate_bpm"]}


GENERATORS = {"gpx": gpx, "polar": polar, "fitbit-hr": fitbit_heart_rate, "fitbit-export": fitbit_export}


def ensure(work, kind, size, log=print):
    """The folder and manifest of one input, generated unless a manifest of this generator version is there."""
    name = f"{kind}-{size}"
    folder = os.path.join(work, "inputs", name)
    manifest_path = os.path.join(folder, "manifest.json")
    try:
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        if manifest.get("generator_version") == GENERATOR_VERSION and manifest.get("seed") == SEED and \
                os.path.exists(os.path.join(folder, manifest["file"])):
            manifest["path"] = os.path.join(folder, manifest["file"])
            return manifest
    except (OSError, ValueError, KeyError):
        pass
    log(f"bench: generating {name} …")
    started = time.perf_counter()
    temporary = folder + ".tmp"
    shutil.rmtree(temporary, ignore_errors=True)
    os.makedirs(temporary)
    manifest = GENERATORS[kind](temporary, size)
    manifest.update({"generator_version": GENERATOR_VERSION, "seed": SEED, "kind": kind, "size": size})
    manifest["bytes"] = _size(os.path.join(temporary, manifest["file"]))
    with open(os.path.join(temporary, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2)
    shutil.rmtree(folder, ignore_errors=True)
    os.rename(temporary, folder)
    log(f"bench: generated {name} ({manifest['bytes'] / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    manifest["path"] = os.path.join(folder, manifest["file"])
    return manifest


def _size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)
