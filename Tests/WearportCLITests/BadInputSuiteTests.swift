import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// One hostile or broken input (issue #10, item 1), converted together with a good input in the same run.
struct BadInput: CustomTestStringConvertible, Sendable {
  var name: String
  /// Writes the input(s) into the given folder (or names a fixture) and returns their paths.
  var make: @Sendable (String) throws -> [String]
  var arguments: [String] = []
  var status: Int32
  /// Regular expressions that must each match a line of standard error: location shape, severity, code.
  var diagnostics: [String]
  /// Text the JSONL output must hold besides the good input's record (what the bad input still gave).
  var output: [String] = []
  /// Text the JSONL output must not hold.
  var absent: [String] = []

  var testDescription: String { name }

  static func fixture(_ name: String) -> @Sendable (String) throws -> [String] {
    { _ in [fixturePath("bad/" + name)] }
  }
}

/// Polar AccessLink exercise JSON, for inputs built at test time.
func polarExercise(id: String, day: Int, extra: String = "") -> String {
  "{\"id\": \"\(id)\", \"start_time\": \"2026-05-\(day < 10 ? "0" : "")\(day)T08:00:00\", "
    + "\"start_time_utc_offset\": 60, \"duration\": \"PT30M\", \"sport\": \"RUNNING\"\(extra)}"
}

/// Every case of issue #10 item 1: a located diagnostic with a stable code, the documented exit status, within
/// 5 s and 256 MB, the good input of the same run still converted, and nothing written outside the output.
@Suite(.serialized) struct BadInputSuiteTests {
  static let good = fixturePath("polar/accesslink/exercise-tokyo-run.json")
  static let goodRecord = "\"exercise_id\":\"polar:hX7k2Qp\""
  /// Where a zip member with an absolute name would land if anything extracted it.
  static let absoluteTarget = "/tmp/wearport-absolute-member-\(getpid()).json"

  static let cases: [BadInput] = [
    BadInput(
      name: "empty file", make: BadInput.fixture("empty.json"), status: 65,
      diagnostics: [#"bad/empty\.json: error: the document is empty \[input\.empty\]"#]),
    BadInput(
      name: "truncated JSON", make: BadInput.fixture("polar-truncated.json"), status: 65,
      diagnostics: [#"polar-truncated\.json:6:12: error: .* at /sport \[json\.syntax\]"#]),
    BadInput(
      // Built at test time: a fixture that is not UTF-8 would trip every test that reads fixtures as text.
      name: "invalid UTF-8",
      make: { folder in
        let path = folder + "/polar-invalid-utf8.json"
        let text =
          "{\n  \"id\": \"Utf8Bad\",\n  \"start_time\": \"2026-02-27T00:42:39\",\n  \"start_time_utc_offset\": 540,\n"
          + "  \"duration\": \"PT1M\",\n  \"sport\": \"RUNNING\",\n  \"device\": \"Polar "
        try Data(Array(text.utf8) + [0xff, 0xfe] + Array(" Pacer\"\n}\n".utf8)).write(to: URL(fileURLWithPath: path))
        return [path]
      }, status: 65,
      diagnostics: [#"polar-invalid-utf8\.json:7:14: error: .* at /device \[encoding\.invalid-utf8\]"#]),
    BadInput(
      name: "200,000-deep nesting",
      make: { folder in
        let path = folder + "/deep.json"
        let depth = 200_000
        let text =
          "{\"id\": \"Deep1\", \"start_time\": \"2026-05-01T08:00:00\", \"start_time_utc_offset\": 60, "
          + "\"duration\": \"PT30M\", \"sport\": \"RUNNING\", \"samples\": "
          + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return [path]
      }, status: 65,
      diagnostics: [
        #"deep\.json:1:\d+: error: nesting is deeper than 256 levels at /samples/0/0/.* \[json\.too-deep\]"#
      ]),
    BadInput(
      name: "numbers out of range (1e400, -0, 2^64)", make: BadInput.fixture("polar-number-range.json"),
      status: 65,
      diagnostics: [
        #"polar-number-range\.json:3:36: error: .* at /0/distance \[json\.invalid-value\]"#,
        #"polar-number-range\.json:4:\d+: error: the integer is out of range at /1/start_time_utc_offset \[json\.invalid-value\]"#,
      ],
      // -0 is zero: no minus sign in the output.
      output: [#""exercise_id":"polar:Rng3""#, #""utc_offset_minutes":0,"#, #""distance_m":0,"#],
      absent: ["polar:Rng1", "polar:Rng2", ":-0"]),
    BadInput(
      name: "NaN and Infinity", make: BadInput.fixture("polar-non-finite.json"), status: 65,
      diagnostics: [
        #"polar-non-finite\.json:3:36: error: .* at /0/distance \[json\.invalid-value\]"#,
        #"polar-non-finite\.json:5:36: error: .* at /1/calories \[json\.invalid-value\]"#,
      ],
      absent: ["polar:Nan1", "polar:Inf1"]),
    BadInput(
      name: "wrong types where numbers are expected", make: BadInput.fixture("polar-wrong-types.json"), status: 65,
      diagnostics: [
        #"polar-wrong-types\.json:2:\d+: error: .* at /0/start_time_utc_offset \[json\.invalid-value\]"#,
        #"polar-wrong-types\.json:5:\d+: error: .* at /1/distance \[json\.invalid-value\]"#,
        #"polar-wrong-types\.json:7:\d+: error: expected a number, found an array at /2/calories \[json\.type-mismatch\]"#,
        #"polar-wrong-types\.json:9:\d+: error: .* at /3/heart_rate/average \[json\.type-mismatch\]"#,
        #"polar-wrong-types\.json:11:\d+: error: .* at /4/heart_rate_zones/0/index \[json\.invalid-value\]"#,
      ],
      absent: ["polar:Typ"]),
    BadInput(
      name: "negative and absurd durations", make: BadInput.fixture("polar-durations.json"), status: 65,
      diagnostics: [
        #"polar-durations\.json:2:\d+: error: the duration is negative at /0/duration \[time\.invalid-duration\]"#,
        #"polar-durations\.json:4:3: warning: the exercise duration is outside the plausible range .* at /1 \[plausibility\.duration\]"#,
        #"polar-durations\.json:7:\d+: error: the duration is negative at /2/heart_rate_zones/0/in_zone \[time\.invalid-duration\]"#,
      ],
      output: [#""exercise_id":"polar:Dur2""#], absent: ["polar:Dur1", "polar:Dur3"]),
    BadInput(
      name: "invalid dates and times (2022-09-31, 24:00)", make: BadInput.fixture("polar-invalid-times.json"),
      status: 65,
      diagnostics: [
        #"polar-invalid-times\.json:2:32: error: day 31 is out of range .* at /0/start_time \[time\.invalid-date-time\]"#,
        #"polar-invalid-times\.json:4:32: error: hour 24 is out of range .* at /1/start_time \[time\.invalid-date-time\]"#,
        #"polar-invalid-times\.json:6:32: error: .* at /2/start_time \[time\.invalid-date-time\]"#,
      ]),
    BadInput(
      name: "time going backwards in samples", make: BadInput.fixture("gpx-time-backwards.gpx"), status: 0,
      diagnostics: [
        #"gpx-time-backwards\.gpx:3: warning: sample times go backwards 1 time\(s\) \[time\.samples-not-monotonic\]"#
      ],
      output: [#""start_time_utc":"2026-04-15T08:00:10Z""#]),
    BadInput(
      name: "sample streams of different lengths", make: BadInput.fixture("polar-sample-lengths.json"), status: 0,
      diagnostics: [
        #"polar-sample-lengths\.json:8:5: warning: sample streams have different lengths \(3, 5\).* at /samples/0 \[polar\.sample\.length-mismatch\]"#
      ],
      output: [#""exercise_id":"polar:Len3v5""#]),
    BadInput(
      name: "HR 900 bpm and speed 900 km/h", make: BadInput.fixture("polar-implausible-samples.json"), status: 0,
      diagnostics: [
        #"polar-implausible-samples\.json:1:1: warning: the average heart rate is outside .* \[plausibility\.heart-rate\]"#,
        #"polar-implausible-samples\.json:1:1: warning: 1 speed samples are outside the plausible range 0–12\.5 m/s \[plausibility\.speed\]"#,
      ],
      output: [#""exercise_id":"polar:Hot900""#]),
    BadInput(
      name: "coordinates out of range", make: BadInput.fixture("polar-route-out-of-range.json"), status: 0,
      diagnostics: [
        #"polar-route-out-of-range\.json:10:5: warning: 2 route point\(s\) .* at /route/1 \[polar\.route\.invalid-point\]"#
      ],
      output: [#""exercise_id":"polar:Geo91""#]),
    BadInput(
      name: "zip with ../ and absolute member names",
      make: { folder in
        let path = folder + "/slip.zip"
        let zip = ArchiveBuilders.zip([
          .init(name: "../evil.json", data: Array(polarExercise(id: "Slip1", day: 2).utf8)),
          .init(name: "../../../../../../../tmp/climb.json", data: Array(polarExercise(id: "Slip2", day: 3).utf8)),
          .init(name: absoluteTarget, data: Array(polarExercise(id: "Slip3", day: 4).utf8)),
        ])
        try Data(zip).write(to: URL(fileURLWithPath: path))
        return [path]
      }, status: 0,
      diagnostics: [
        #"slip\.zip!/\.\./evil\.json: warning: member name '\.\./evil\.json' is absolute or climbs out .* \[archive\.unsafe-path\]"#,
        #"slip\.zip!/\.\./\.\./.*/tmp/climb\.json: warning: .* \[archive\.unsafe-path\]"#,
        #"slip\.zip!//tmp/wearport-absolute-member-\d+\.json: warning: .* \[archive\.unsafe-path\]"#,
      ],
      output: [#""exercise_id":"polar:Slip1""#, #""exercise_id":"polar:Slip2""#, #""exercise_id":"polar:Slip3""#]),
    BadInput(
      name: "zip bomb", make: { folder in [try zipBomb(folder)] }, arguments: ["--max-expanded-size", "8M"],
      status: 65,
      diagnostics: [
        #"bomb\.zip!/huge\.bin: error: 'huge\.bin' is larger than the limit of 8388608 bytes after decompression; skipped \[input\.too-large\]"#,
        #"bomb\.zip: error: the archive decompresses to more than the limit of 8388608 bytes in total; stopped reading it \[input\.too-large\]"#,
      ]),
    BadInput(
      name: "gzip bomb",
      make: { folder in
        let path = folder + "/bomb.json.gz"
        let size = 64 << 20
        let gzip = ArchiveBuilders.gzip(
          deflated: ArchiveBuilders.deflatedZeros(size), crc: ArchiveBuilders.crc32OfZeros(size), size: size)
        try Data(gzip).write(to: URL(fileURLWithPath: path))
        return [path]
      }, arguments: ["--max-expanded-size", "8M"], status: 65,
      diagnostics: [#"bomb\.json\.gz: error: .*limit of 8388608 bytes.* \[input\.too-large\]"#]),
    BadInput(
      name: "tar with symlinks and device files",
      make: { folder in
        let path = folder + "/special.tar"
        let tar = ArchiveBuilders.tar([
          .init(name: "export/link.json", type: "2", linkName: "/etc/passwd"),
          .init(name: "export/hard.json", type: "1", linkName: "/etc/passwd"),
          .init(name: "export/console", type: "3"),
          .init(name: "export/disk", type: "4"),
          .init(name: "export/pipe", type: "6"),
          .init(name: "export/run.json", data: Array(polarExercise(id: "Tar1", day: 5).utf8)),
        ])
        try Data(tar).write(to: URL(fileURLWithPath: path))
        return [path]
      }, status: 0,
      diagnostics: [
        #"special\.tar!/export/link\.json: warning: skipped symbolic link 'export/link\.json' .*\[archive\.skipped-entry\]"#,
        #"special\.tar!/export/hard\.json: warning: skipped hard link .*\[archive\.skipped-entry\]"#,
        #"special\.tar!/export/console: warning: skipped character device .*\[archive\.skipped-entry\]"#,
        #"special\.tar!/export/disk: warning: skipped block device .*\[archive\.skipped-entry\]"#,
        #"special\.tar!/export/pipe: warning: skipped named pipe .*\[archive\.skipped-entry\]"#,
      ],
      output: [#""exercise_id":"polar:Tar1""#], absent: ["root:"]),
    BadInput(
      // Harmless once nothing is loaded: the external DTD is never fetched (no network, no DTD loading) and the
      // document reads as without it; a warning says so.
      name: "XML with a DOCTYPE (external DTD, not loaded)", make: BadInput.fixture("xml-doctype.tcx"), status: 0,
      diagnostics: [#"xml-doctype\.tcx:2: warning: the DOCTYPE is ignored: .* \[xml\.doctype-ignored\]"#],
      output: [#""start_time_utc":"2026-04-16T08:00:00Z""#]),
    BadInput(
      name: "XML external entity (XXE)", make: BadInput.fixture("xml-xxe.gpx"), status: 65,
      diagnostics: [#"xml-xxe\.gpx:3: error: the DOCTYPE declares entities; .* \[xml\.entity-declaration\]"#],
      absent: ["root:"]),
    BadInput(
      name: "XML entity-expansion bomb", make: BadInput.fixture("xml-entity-bomb.tcx"), status: 65,
      diagnostics: [#"xml-entity-bomb\.tcx:3: error: the DOCTYPE declares entities; .* \[xml\.entity-declaration\]"#],
      absent: ["lollol"]),
    BadInput(
      name: "2 GB file that is not JSON",
      make: { folder in
        let path = folder + "/huge.json"
        _ = FileManager.default.createFile(atPath: path, contents: Data("this is a log file, not JSON\n".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 2 << 30)  // sparse: no disk used, and reading it all would take long
        try handle.close()
        return [path]
      }, status: 65,
      diagnostics: [#"huge\.json: error: no reader recognises this file \[input\.unrecognized\]"#]),
  ]

  /// A zip whose first member declares 4 GB (refused unread) and whose other members are honest but together
  /// expand past the limit.
  static func zipBomb(_ folder: String) throws -> String {
    let path = folder + "/bomb.zip"
    let size = 4 << 20
    let deflated = ArchiveBuilders.deflatedZeros(size)
    let crc = ArchiveBuilders.crc32OfZeros(size)
    var members: [ArchiveBuilders.ZipMember] = [
      .init(name: "huge.bin", data: deflated, method: 8, crc: crc, uncompressedSize: 0xffff_fff0)
    ]
    for index in 1...16 {
      members.append(.init(name: "part-\(index).bin", data: deflated, method: 8, crc: crc, uncompressedSize: size))
    }
    try Data(ArchiveBuilders.zip(members)).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The sandbox of one run: inputs in `in/`, the output in `out/`, the working folder `run/`.
  struct Sandbox {
    let root: String
    var input: String { root + "/in" }
    var output: String { root + "/out" }
    var run: String { root + "/run" }

    init() throws {
      root = try CLI.temporaryDirectory()
      for folder in [root + "/in", root + "/out", root + "/run"] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
    }
  }

  @Test(arguments: cases)
  func badInputIsReportedAndTheGoodInputStillConverts(_ bad: BadInput) throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
    let inputs = try bad.make(sandbox.input)
    let inputsBefore = listing(sandbox.input)
    let outputFile = sandbox.output + "/all.jsonl"
    let run = try CLI.measured(
      ["convert"] + inputs + [Self.good, "--to", "jsonl", "-o", outputFile] + bad.arguments,
      directory: sandbox.run, hardLimit: 30)

    print(
      "bad input '\(bad.name)': exit \(run.status), \(Int(run.seconds * 1000)) ms, peak RSS \(Int(run.peakMegabytes)) MB"
    )
    #expect(run.signal == nil, "ended by signal \(run.signal ?? 0)\n\(run.stderr)")
    #expect(!run.timedOut)
    #expect(run.status == bad.status, "\(run.stderr)")
    #expect(run.seconds < 5, "took \(run.seconds) s")
    #expect(run.peakBytes <= 256 << 20, "peak RSS \(run.peakMegabytes) MB")
    let lines = run.stderr.split(separator: "\n").map(String.init)
    for pattern in bad.diagnostics {
      let regex = try Regex(pattern)
      #expect(lines.contains { $0.contains(regex) }, "no line matches \(pattern)\n\(run.stderr)")
    }
    let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    #expect(output.contains(Self.goodRecord), "the good input was not converted")
    for text in bad.output { #expect(output.contains(text), "missing \(text)") }
    for text in bad.absent { #expect(!output.contains(text), "unexpected \(text)") }
    // Nothing written anywhere but the output file: no extracted member, no temporary file left.
    #expect(listing(sandbox.output) == ["all.jsonl"])
    #expect(listing(sandbox.run).isEmpty)
    #expect(listing(sandbox.input) == inputsBefore)
    #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.root).sorted() == ["in", "out", "run"])
    #expect(!FileManager.default.fileExists(atPath: Self.absoluteTarget))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/climb.json"))
    // A warning-only case is an error under --strict.
    if bad.status == 0 && !bad.diagnostics.isEmpty {
      let strict = try CLI.measured(
        ["convert"] + inputs + [Self.good, "--to", "jsonl", "-o", outputFile, "--strict", "--quiet"],
        directory: sandbox.run, hardLimit: 30)
      #expect(strict.status == 65)
    }
  }

  @Test func archiveBuildersMakeValidData() throws {
    // The zero-CRC shortcut agrees with the byte-by-byte CRC (and with zlib: 0x060b1780 for 1,000 zeros).
    for count in [1, 5, 1000, 70_001] {
      #expect(ArchiveBuilders.crc32OfZeros(count) == ArchiveBuilders.crc32([UInt8](repeating: 0, count: count)))
    }
    #expect(ArchiveBuilders.crc32OfZeros(1000) == 0x060b_1780)
    #expect(ArchiveBuilders.crc32OfZeros(64 << 20) == 0xb2eb_30ed)
    // A small gzip of zeros made the same way as the bomb converts cleanly: the deflate stream is well formed.
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
    let size = 300_000
    let path = sandbox.input + "/zeros.bin.gz"
    let gzip = ArchiveBuilders.gzip(
      deflated: ArchiveBuilders.deflatedZeros(size), crc: ArchiveBuilders.crc32OfZeros(size), size: size)
    try Data(gzip).write(to: URL(fileURLWithPath: path))
    let result = try CLI.run(["inspect", path, "--json"])
    #expect(!result.stdout.contains("archive.corrupt"), "\(result.stdout)")
    #expect(result.stdout.contains("\"documents\""))
    #expect(gzip.count < size / 100)
  }

  @Test func maxExpandedSizeIsDocumentedAndValidated() throws {
    for command in ["convert", "inspect", "validate"] {
      let help = try CLI.run([command, "--help"])
      #expect(help.stdout.contains("--max-expanded-size <size>"), "\(command)")
      #expect(help.stdout.contains("(default: 16G)"), "\(command)")
    }
    for bad in ["0", "-1", "12X", "M", "99999999999T"] {
      let result = try CLI.run(["convert", Self.good, "--to", "jsonl", "-o", "-", "--max-expanded-size", bad])
      #expect(result.status == 64, "\(bad)")
    }
    // A limit that the archive stays under changes nothing; inspect and validate apply it too.
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
    let bomb = try Self.zipBomb(sandbox.input)
    for command in ["inspect", "validate"] {
      let result = try CLI.run([command, bomb, "--max-expanded-size", "6m"])
      #expect(result.status == 65, "\(command)")
      #expect(result.stdout.contains("limit of 6291456 bytes in total"), "\(command)\n\(result.stdout)")
    }
  }
}
