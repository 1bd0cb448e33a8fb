import Foundation
import Testing
import WearportCore
import WearportTestSupport
import WebhookArchives

/// Stands in for the Polar exercise reader: claims `{"id", "start_time_utc_offset", …}` and emits one day per body.
struct StubExerciseReader: FormatReader {
  let info = FormatInfo(id: "test.exercise", name: "stub", provider: .polar, kinds: [.dailyActivity])
  func sniff(_ probe: SniffProbe) -> SniffScore {
    probe.hasKeys("id", "start_time_utc_offset") ? .certain : .no
  }
  func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let id = try root.required("id").string()
    let start = try DateTimeParser.parse(try root.required("start_time").string())
    try context.emit(
      .dailyActivity(
        DailyActivity(
          provider: .polar, userID: id, date: start.local.date, provenance: context.provenance(providerID: id))))
  }
}

@Suite struct PairedBodyTests {
  /// A JSON Lines delivery that carries the fetched body in `response_body`: the body goes through the run's
  /// readers, and the notification says where it is.
  @Test func responseBodyIsReadAndLinked() throws {
    let path = fixturePath("webhooks/paired/deliveries-with-bodies.jsonl")
    let result = try walk([path], readers: webhookReaders + [StubExerciseReader()])
    #expect(result.errors.isEmpty)
    let note = try #require(result.notification("EXERCISE", user: "90000002", subject: "pQ1c7Zt"))
    #expect(note.bodySource == path + ":1#/response_body")
    let bodies = result.records.days
    #expect(bodies.count == 1)
    let body = try #require(bodies.first)
    #expect(body.provenance.providerID == note.entityID)
    #expect(body.date == LocalDate(year: 2026, month: 3, day: 2))
    #expect(body.provenance.location.member == "line 1/response_body")
    #expect(result.summary.counts[.dailyActivity]?.written == 1)
  }

  /// Without a reader for the body, a located warning says it was not converted.
  @Test func unreadableResponseBodyIsReported() throws {
    let result = try walk([fixturePath("webhooks/paired/deliveries-with-bodies.jsonl")])
    let warning = try #require(result.warnings.first { $0.code == .webhookBodyNotRead })
    #expect(warning.location?.jsonPointer == "/response_body")
    #expect(warning.location?.line == 1)
    #expect(result.notifications.first?.bodySource == nil)
  }

  /// A notification file with `entities/<entity_id>.json` beside it names that file.
  @Test func entityFileBesideTheNotification() throws {
    let folder = fixturePath("webhooks/paired")
    let result = try walk([folder + "/notification-exercise.json"])
    let note = try #require(result.notification("EXERCISE", user: "90000002", subject: "pX9b4Lm"))
    #expect(note.bodySource == folder + "/entities/pX9b4Lm.json")
  }

  /// The same inside a zip: the body is an archive member beside the notification, and is converted too.
  @Test func entityMemberBesideTheNotificationInsideAnArchive() throws {
    let directory = NSTemporaryDirectory() + "wearport-paired-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let archive = directory + "/captures.zip"
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    zip.currentDirectoryURL = URL(fileURLWithPath: fixturePath("webhooks"))
    zip.arguments = ["-q", "-r", archive, "paired/notification-exercise.json", "paired/entities"]
    try zip.run()
    zip.waitUntilExit()
    #expect(zip.terminationStatus == 0)
    let result = try walk([archive])
    let note = try #require(result.notification("EXERCISE", user: "90000002", subject: "pX9b4Lm"))
    #expect(note.bodySource == archive + "!/paired/entities/pX9b4Lm.json")
  }
}
