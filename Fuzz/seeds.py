#!/usr/bin/env python3
"""Seeds and a libFuzzer dictionary for one fuzz target, made from Fixtures/ at run time (scripts/fuzz).

    seeds.py json|containers|xml FIXTURES SEED_FOLDER DICT_FILE

json and containers inputs end with a selector byte that picks the document name (FuzzInput in
Fuzz/Sources/FuzzSupport); the tables below follow the name lists of the targets and must keep their order.
"""

import gzip
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import zipfile

# Fuzz/Sources/FuzzJSON/FuzzJSON.swift, documentNames: the name kind (text before the first "-<digit>") of each.
JSON_NAMES = [
    "document.json",
    "training-session-2024-01-01-1-a.json",
    "activity-2024-01-01-a.json",
    "account-profile.json",
    "heart_rate-2024-01-01.json",
    "sleep-2024-01-01.json",
    "exercise-0.json",
    "steps-2024-01-01.json",
    "weight-2024-01-01.json",
    "resting_heart_rate-2024-01-01.json",
    "trophy.json",
    "0",
    "56.json",
    "deliveries.har",
    "altitude-2024-01-01.json",
    "calories-2024-01-01.json",
    "distance-2024-01-01.json",
    "height-2024-01-01.json",
    "lightly_active_minutes-2024-01-01.json",
    "demographic_vo2_max-2024-01-01.json",
    "time_in_heart_rate_zones-2024-01-01.json",
    "activities-2024-01-01.json",
]

# Fuzz/Sources/FuzzContainers/FuzzContainers.swift, containerNames.
CONTAINER_NAMES = [
    "input.zip", "input.tar", "input.tar.gz", "input.tgz", "input.json.gz", "input.jsonl", "input.json", "input.gz",
]

JSON_TOKENS = [
    "{", "}", "[", "]", ":", ",", "\"\"", "true", "false", "null", "NaN", "Infinity", "-Infinity", "-0", "1e400",
    "18446744073709551616", "-9223372036854775809", "0.000001", "\\u0000", "\\ud800", "\\udc00", "\\\"", "\\\\",
    "\xef\xbb\xbf", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00+02:00",
    "24:00:00", "PT1H2M3.5S", "PT-1S", "01/02/24 03:04:05", "\n",
]

XML_TOKENS = [
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<!DOCTYPE", "<!ENTITY", "SYSTEM", "PUBLIC", "<![CDATA[", "]]>",
    "<!--", "-->", "<?", "?>", "&amp;", "&lt;", "&#x41;", "&#65;", "xmlns=", "xmlns:", "xsi:type=", "=\"", "</",
    "/>", "\xef\xbb\xbf", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.5+02:00", "NaN", "-0", "1e400",
]


def kind(name):
    """The name's kind: the text before the first "-<digit>", as the Fitbit export readers read it."""
    stem = name[:-5] if name.endswith(".json") else name
    match = re.match(r"^(.*?)-\d", stem)
    return match.group(1) if match else stem


def json_selector(path):
    parts = path.split(os.sep)
    base = parts[-1]
    if "exercise-transactions" in parts:
        return 11 if "samples" in parts else 12
    if base.endswith(".har"):
        return 13
    if base.startswith("account-"):
        return 3
    kinds = [kind(name) for name in JSON_NAMES]
    if kind(base) in kinds:
        return kinds.index(kind(base))
    return 0


def files(root, suffixes):
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if suffixes is None or name.endswith(suffixes):
                found.append(path)
    return sorted(found)


def write_seed(folder, data):
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as seed:
        seed.write(data)


def write_dict(path, tokens):
    with open(path, "w", encoding="utf-8") as out:
        for token in sorted(set(tokens)):
            if not token or len(token.encode("utf-8", "surrogateescape")) > 64:
                continue
            escaped = "".join(
                "\\\\" if c == "\\" else "\\\"" if c == "\"" else c if 32 <= ord(c) < 127 else "\\x%02X" % ord(c)
                for c in token.encode("utf-8", "surrogateescape").decode("latin-1"))
            out.write("\"%s\"\n" % escaped)


def json_keys(value, keys):
    if isinstance(value, dict):
        for key, item in value.items():
            keys.add("\"%s\"" % key)
            json_keys(item, keys)
    elif isinstance(value, list):
        for item in value:
            json_keys(item, keys)
    elif isinstance(value, str) and len(value) <= 32:
        keys.add("\"%s\"" % value)


def json_target(fixtures, seeds, dict_path):
    keys = set()
    for path in files(fixtures, None):
        relative = os.path.relpath(path, fixtures)
        if relative.startswith("golden" + os.sep) or path.endswith((".gpx", ".tcx", ".xml", ".txt")):
            continue
        with open(path, "rb") as source:
            data = source.read()
        write_seed(seeds, data + bytes([json_selector(relative)]))
        if path.endswith(".jsonl"):  # the pipeline sees one line at a time
            for line in data.splitlines():
                if line.strip():
                    write_seed(seeds, line + bytes([0]))
        try:
            json_keys(json.loads(data.decode("utf-8-sig")), keys)
        except ValueError:
            pass
    write_dict(dict_path, JSON_TOKENS + sorted(keys))


def xml_target(fixtures, seeds, dict_path):
    names = set()
    for path in files(fixtures, (".gpx", ".tcx", ".xml")):
        with open(path, "rb") as source:
            data = source.read()
        write_seed(seeds, data)
        text = data.decode("utf-8", "replace")
        names.update("<" + name for name in re.findall(r"<([A-Za-z_][\w:.-]*)", text))
        names.update(name + "=\"" for name in re.findall(r"\s([A-Za-z_][\w:.-]*)=\"", text))
    write_dict(dict_path, XML_TOKENS + sorted(names))


def tar_bytes(members, compress=False, pax=False, extra=None):
    buffer = io.BytesIO()
    mode = "w:gz" if compress else "w"
    form = tarfile.PAX_FORMAT if pax else tarfile.USTAR_FORMAT
    with tarfile.open(fileobj=buffer, mode=mode, format=form) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            archive.addfile(info, io.BytesIO(data))
        for info in extra or []:
            archive.addfile(info)
    data = buffer.getvalue()
    if compress:  # gzip's header holds the time: make the seed stable
        data = data[:4] + b"\0\0\0\0" + data[8:]
    return data


def zip_bytes(members, method):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buffer.getvalue()


def containers_target(fixtures, seeds, dict_path):
    small = []
    for path in files(fixtures, (".json", ".jsonl", ".gpx", ".tcx")):
        if os.path.getsize(path) <= 4096:
            small.append((os.path.relpath(path, fixtures), open(path, "rb").read()))
    small = small[:: max(1, len(small) // 6)][:6]
    one_name, one = small[0]
    selector = {name: index for index, name in enumerate(CONTAINER_NAMES)}
    link = tarfile.TarInfo("link.json")
    link.type = tarfile.SYMTYPE
    link.linkname = "../../etc/passwd"
    folder = tarfile.TarInfo("folder")
    folder.type = tarfile.DIRTYPE
    inner_zip = zip_bytes(small[:2], zipfile.ZIP_DEFLATED)
    seeds_made = [
        (zip_bytes(small, zipfile.ZIP_DEFLATED), "input.zip"),
        (zip_bytes(small[:3], zipfile.ZIP_STORED), "input.zip"),
        (zip_bytes([("../escape.json", one), ("/abs/" + one_name, one)], zipfile.ZIP_DEFLATED), "input.zip"),
        (zip_bytes([("inner.zip", inner_zip), ("data.json.gz", gzip.compress(one, mtime=0))], zipfile.ZIP_STORED),
         "input.zip"),
        (tar_bytes(small, extra=[link, folder]), "input.tar"),
        (tar_bytes([("a/" + "long-name-" * 12 + ".json", one)], pax=True), "input.tar"),
        (tar_bytes(small[:3], compress=True), "input.tar.gz"),
        (tar_bytes(small[3:], compress=True), "input.tgz"),
        (gzip.compress(one, mtime=0), "input.json.gz"),
        (gzip.compress(one, mtime=0) + gzip.compress(b"{}", mtime=0), "input.gz"),
        (gzip.compress(tar_bytes(small[:2]), mtime=0), "input.gz"),
        (b"{\"a\":1}\n{\"b\":[2]}\r\n\n{\"c\":", "input.jsonl"),
        (one, "input.json"),
    ]
    for data, name in seeds_made:
        write_seed(seeds, data + bytes([selector[name]]))
    write_dict(dict_path, ["PK\x03\x04", "PK\x01\x02", "PK\x05\x06", "PK\x06\x06", "PK\x06\x07", "PK\x07\x08",
                           "\x1f\x8b\x08", "ustar\x0000", "ustar  \x00", "././@LongLink", " path=", " size=",
                           " linkpath=", "\n", "../", "/"])


def main():
    target, fixtures, seeds, dict_path = sys.argv[1:5]
    {"json": json_target, "xml": xml_target, "containers": containers_target}[target](fixtures, seeds, dict_path)


if __name__ == "__main__":
    main()
