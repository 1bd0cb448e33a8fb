import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import WebhookArchives

@Suite struct DeliveryCaptureTests {
  static let jsonl = fixturePath("webhooks/captures/deliveries.jsonl")
  static let har = fixturePath("webhooks/captures/deliveries.har")

  @Test func verifiedWithBothSecrets() throws {
    let result = try walk([Self.jsonl], options: options(polar: polarDocKey, fitbit: "secret"))
    #expect(result.notifications.count == 7)
    let counts = try #require(result.summary.counts[.notification])
    #expect(counts.read == 10 && counts.written == 7 && counts.merged == 3 && counts.rejected == 0)

    // Delivered twice (once as body text, once as body_base64 with lowercase headers): one notification.
    let exercise = try #require(result.notification("EXERCISE", user: "475", subject: "aQlC83"))
    #expect(exercise.signature == .valid)
    #expect(exercise.count == 2)
    #expect(exercise.firstReceivedAt == utc("2018-05-15T14:22:25Z"))
    #expect(exercise.lastReceivedAt == utc("2018-05-15T14:23:30Z"))
    #expect(exercise.sentAt == utc("2018-05-15T14:22:24Z"))
    #expect(exercise.provenance.location.line == 1)

    #expect(result.notification("SLEEP", user: "475", subject: "2018-05-14")?.signature == .valid)
    // PING: unsigned, sent before the client had the secret.
    let ping = try #require(result.notifications.first { $0.event == "PING" })
    #expect(ping.signature == .unverifiable)
    #expect(ping.sentAt == utc("2019-01-11T08:25:10.020Z"))
    // The body was changed by one byte (user 475 → 476) after signing.
    let forged = try #require(result.notification("ACTIVITY_SUMMARY", user: "476", subject: "2018-05-15"))
    #expect(forged.signature == .invalid)
    let warning = try #require(result.warnings.first { $0.code == .webhookSignatureInvalid })
    #expect(warning.location?.line == 5)

    // Fitbit: the signed array and an unsigned repeat of it; the signed XML sent as body_base64.
    let activities = try #require(result.notification("activities", user: "9ZZ9ZZ", subject: "2018-05-14"))
    #expect(activities.signature == .valid)
    #expect(activities.count == 2)
    #expect(activities.subscriptionID == "1001")
    #expect(!activities.isLate)
    let body = try #require(result.notification("body", user: "9ZZ9ZZ", subject: "2018-05-13"))
    #expect(body.signature == .valid)
    // Data of the 13th arriving on the 15th: more than a day late.
    #expect(body.isLate)

    // The verification GET is skipped with a note; no secret note when secrets were given.
    #expect(result.diagnostics.contains { $0.code == .webhookVerificationRequest && $0.location?.line == 6 })
    #expect(!result.diagnostics.contains { $0.code == .webhookSecretMissing })
    #expect(result.errors.isEmpty)
  }

  @Test func withoutSecretsEverySignedDeliveryIsNoSecret() throws {
    let result = try walk([Self.jsonl])
    #expect(result.notifications.count == 7)
    for note in result.notifications {
      #expect(note.signature == (note.event == "PING" ? .unverifiable : .noSecret), "\(note.event)")
    }
    let notes = result.diagnostics.filter { $0.code == .webhookSecretMissing }
    #expect(notes.count == 1)
    let note = try #require(notes.first)
    #expect(note.severity == .note)
    #expect(note.message.contains("--polar-webhook-secret-file"))
    #expect(note.message.contains("WEARPORT_FITBIT_CLIENT_SECRET"))
    #expect(result.summary.exitCode == ExitCode.success)
  }

  @Test func strictRejectsAnInvalidSignature() throws {
    let result = try walk([Self.jsonl], options: options(polar: polarDocKey, fitbit: "secret", strict: true))
    let counts = try #require(result.summary.counts[.notification])
    #expect(counts.rejected == 1)
    #expect(counts.written == 6)
    #expect(counts.read == counts.written + counts.merged + counts.rejected)
    #expect(result.errors.contains { $0.code == .webhookSignatureInvalid })
    #expect(!result.notifications.contains { $0.event == "ACTIVITY_SUMMARY" })
    #expect(result.summary.exitCode == ExitCode.dataError)
  }

  @Test func harAndJSONLinesGiveTheSameNotifications() throws {
    for secrets in [options(), options(polar: polarDocKey, fitbit: "secret")] {
      let fromLines = try walk([Self.jsonl], options: secrets)
      let fromHAR = try walk([Self.har], options: secrets)
      #expect(fromLines.notifications.count == 7)
      #expect(fromLines.notifications.map(Projection.init) == fromHAR.notifications.map(Projection.init))
    }
    // The HAR's unrelated request is skipped with a note, located.
    let har = try walk([Self.har])
    let skipped = try #require(har.diagnostics.first { $0.code == .webhookNotADelivery })
    #expect(skipped.severity == .note)
    #expect(skipped.location?.jsonPointer == "/log/entries/2/request/postData/text")
  }

  /// Everything about a notification except where it was read.
  struct Projection: Equatable {
    var fields: [String?]
    init(_ note: WebhookNotification) {
      fields = [
        note.provider.rawValue, note.event, note.userID, note.subjectKey, note.entityID, note.date?.description,
        note.sentAt?.description, note.receivedAt?.description, note.firstReceivedAt?.description,
        note.lastReceivedAt?.description, String(note.count), note.signature.rawValue, note.subscriptionID, note.url,
        note.isLate ? "late" : "on time",
      ]
    }
  }

  @Test func secretsNeverAppearInAnyOutput() throws {
    let fitbitSecret = "abc123def456"
    var texts: [String] = []
    for path in [Self.jsonl, Self.har, fixturePath("webhooks/lakehouse")] {
      for strict in [false, true] {
        let result = try walk([path], options: options(polar: polarDocKey, fitbit: fitbitSecret, strict: strict))
        texts += result.diagnostics.map(\.description)
        texts.append("\(result.records)")
        var dumped = ""
        dump(result.summary, to: &dumped)
        texts.append(dumped)
        let plan = FetchPlanner.plan(result.notifications)
        texts.append(FetchPlanner.csv(plan))
        texts.append(FetchPlanner.jsonl(plan))
      }
    }
    // The wrong Fitbit secret makes its deliveries invalid: there are diagnostics to look at.
    #expect(texts.contains { $0.contains("webhook.signature.invalid") })
    for text in texts {
      #expect(!text.contains(polarDocKey))
      #expect(!text.contains(fitbitSecret))
    }
  }

  @Test func deliveryBodiesThatAreNotNotificationsAreRejected() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let lines = [
      deliveryLine(
        receivedAt: "2025-01-01T00:00:00Z", headers: ["Polar-Webhook-Event": "EXERCISE"], body: "{\"event\":"),
      deliveryLine(receivedAt: "2025-01-01T00:00:01Z", headers: [:], body: "{\"hello\":1}"),
    ]
    try writeFile(lines.joined(separator: "\n") + "\n", to: folder + "/bad.jsonl")
    let result = try walk([folder])
    let counts = try #require(result.summary.counts[.notification])
    #expect(counts.rejected == 2)
    #expect(result.errors.map { $0.location?.line } == [1, 2])
    #expect(result.errors.allSatisfy { $0.code == .webhookBodyInvalid && $0.location?.jsonPointer == "/body" })
  }
}

@Suite struct PartitionedLayoutTests {
  @Test func repeatedAndLateNotifications() throws {
    let result = try walk([fixturePath("webhooks/lakehouse")])
    #expect(result.errors.isEmpty)
    #expect(result.notifications.count == 7)
    let counts = try #require(result.summary.counts[.notification])
    #expect(counts.read == 10 && counts.written == 7 && counts.merged == 3)

    let first = try #require(result.notification("activities", user: "USER01", subject: "2025-08-01"))
    #expect(first.count == 3)
    #expect(first.firstReceivedAt == utc("2025-08-01T14:00:05Z"))
    #expect(first.lastReceivedAt == utc("2025-08-01T15:02:00Z"))
    #expect(first.batchID == "01K1GFYJHR7EKM5HN9PPD2AG9V")
    #expect(first.signature == .unverifiable)
    #expect(!first.isLate)
    #expect(first.provenance.location.jsonPointer == "/original_notifications/0")
    #expect(first.url == "https://api.fitbit.com/1/user/USER01/activities/date/2025-08-01.json")

    // Data of 07-28 in the 08-01 partition, then again in the 08-02 partition: late, counted twice.
    let late = try #require(result.notification("activities", user: "USER02", subject: "2025-07-28"))
    #expect(late.count == 2)
    #expect(late.isLate)
    #expect(late.arrivalDate == LocalDate(year: 2025, month: 8, day: 1))
    #expect(late.lastReceivedAt == utc("2025-08-02T00:00:00Z"))
    // One day older than the partition is not late; two is.
    #expect(result.notification("body", user: "USER01", subject: "2025-07-31")?.isLate == false)
    #expect(result.notification("foods", user: "USER01", subject: "2025-07-30")?.isLate == true)
    // A file without metadata: received-at is its partition's hour, the batch its file name.
    let noMetadata = try #require(result.notification("activities", user: "USER02", subject: "2025-07-31"))
    #expect(noMetadata.receivedAt == utc("2025-08-02T00:00:00Z"))
    #expect(noMetadata.batchID == "01K1HB7T2M0000000000000000")
    #expect(noMetadata.isLate)
    #expect(result.notifications.filter(\.isLate).count == 3)
    #expect(result.notification("userRevokedAccess", user: "USER03", subject: "")?.date == nil)
  }

  @Test func planOfTheFixture() throws {
    let result = try walk([fixturePath("webhooks/lakehouse")])
    let plan = FetchPlanner.plan(result.notifications)
    #expect(plan.skipped == ["userRevokedAccess: nothing to fetch": 1])
    #expect(
      plan.requests.map(\.url) == [
        "https://api.fitbit.com/1/user/USER02/activities/date/2025-07-28.json",
        "https://api.fitbit.com/1/user/USER01/foods/log/date/2025-07-30.json",
        "https://api.fitbit.com/1/user/USER01/body/log/weight/date/2025-07-31.json",
        "https://api.fitbit.com/1/user/USER02/activities/date/2025-07-31.json",
        "https://api.fitbit.com/1/user/USER01/activities/date/2025-08-01.json",
        "https://api.fitbit.com/1.2/user/USER01/sleep/date/2025-08-01.json",
      ])
    #expect(plan.requests.allSatisfy { $0.slot == 0 })
    let csv = FetchPlanner.csv(plan, slotStart: utc("2025-08-02T01:00:00Z"))
    let lines = csv.components(separatedBy: "\n")
    #expect(lines.count == 8)  // header, 6 rows, and the empty text after the last line end
    #expect(lines[0].hasPrefix("slot,slot_start_utc,provider,user_id,collection,subject,"))
    #expect(
      lines[5]
        == "0,2025-08-02T01:00:00Z,fitbit,USER01,activities,2025-08-01,,2025-08-01,,,"
        + "https://api.fitbit.com/1/user/USER01/activities/date/2025-08-01.json,3,2025-08-01T14:00:05Z,"
        + "2025-08-01T15:02:00Z,false,unverifiable")
    let jsonl = FetchPlanner.jsonl(plan).split(separator: "\n")
    #expect(jsonl.count == 6)
    let row = JSONNode(try JSONParser.parse(String(jsonl[0])).root)
    #expect(try row.required("notifications").int() == 2)
    #expect(try row.required("late").bool())
    #expect(try row.required("slot").int() == 0)
    #expect(row["slot_start_utc"]?.isNull == true)
  }

  /// 400 notifications for one user need 3 hour slots of at most 150; another user's 10 fit in the first.
  @Test func fourHundredNotificationsNeedThreeSlots() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let start = try #require(LocalDate(year: 2024, month: 1, day: 1))
    // Four hourly files of 100 notifications, the newest data first, so that the plan has to sort.
    for file in 0..<4 {
      var items: [String] = []
      for index in 0..<100 {
        let day = start.adding(days: 399 - (file * 100 + index))
        items.append(
          #"{"collectionType":"activities","date":"\#(day)","ownerId":"USER9","ownerType":"user","subscriptionId":"s"}"#
        )
      }
      if file == 0 {
        for index in 0..<10 {
          items.append(
            #"{"collectionType":"sleep","date":"\#(start.adding(days: index))","ownerId":"USER8","ownerType":"user"}"#)
        }
      }
      let text =
        #"{"original_notifications":["# + items.joined(separator: ",")
        + #"],"metadata":{"received_at":"2025-02-0\#(file + 1)T10:00:00Z","batch_id":"b\#(file)"}}"#
      try writeFile(text, to: folder + "/notifications/year=2025/month=02/day=0\(file + 1)/hour=10/b\(file).json")
    }
    let result = try walk([folder])
    #expect(result.errors.isEmpty)
    #expect(result.notifications.count == 410)
    let plan = FetchPlanner.plan(result.notifications)
    #expect(plan.requests.count == 410)
    var perSlot: [String: Int] = [:]
    for request in plan.requests {
      perSlot["\(request.notification.userID ?? "")#\(request.slot)", default: 0] += 1
    }
    #expect(perSlot == ["USER9#0": 150, "USER9#1": 150, "USER9#2": 100, "USER8#0": 10])
    // Earliest data first: USER9's first slot holds its 150 oldest days.
    let user9 = plan.requests.filter { $0.notification.userID == "USER9" }
    #expect(user9.first?.notification.date == start)
    #expect(user9[149].notification.date == start.adding(days: 149) && user9[149].slot == 0)
    #expect(user9[150].notification.date == start.adding(days: 150) && user9[150].slot == 1)
    #expect(user9.last?.notification.date == start.adding(days: 399) && user9.last?.slot == 2)
    // Written through AtomicFile, deterministic.
    let path = folder + "/plan.csv"
    try FetchPlanner.write(plan, to: path, format: .csv)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written == FetchPlanner.csv(FetchPlanner.plan(try walk([folder]).notifications)))
    #expect(written.components(separatedBy: "\n").count == 412)
  }

  @Test func partitionKeys() throws {
    let partition = try #require(
      Partition.parse("gs://bucket/notifications/year=2025/month=08/day=01/hour=14/01K1GFYJHR7EKM5HN9PPD2AG9V.json"))
    #expect(partition.date == LocalDate(year: 2025, month: 8, day: 1))
    #expect(partition.start == utc("2025-08-01T14:00:00Z"))
    #expect(partition.fileStem == "01K1GFYJHR7EKM5HN9PPD2AG9V")
    #expect(Partition.parse("notifications/year=2025/month=02/day=30/a.json") == nil)
    #expect(Partition.parse("notifications/a.json") == nil)
  }
}

@Suite struct ContainerFormTests {
  /// The same captures read from a tar.gz of the layout and a gzip of the JSON Lines give the same notifications.
  @Test func compressedArchivesReadLikeFolders() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let tar = folder + "/lakehouse.tar.gz"
    try run("/bin/tar", ["-czf", tar, "-C", fixturePath("webhooks/lakehouse"), "notifications"])
    let gzip = folder + "/deliveries.jsonl.gz"
    try run("/bin/sh", ["-c", "gzip -c '\(fixturePath("webhooks/captures/deliveries.jsonl"))' > '\(gzip)'"])

    let fromFolder = try walk([fixturePath("webhooks/lakehouse")])
    let fromTar = try walk([tar])
    #expect(fromTar.notifications.count == 7)
    #expect(
      fromTar.notifications.map(DeliveryCaptureTests.Projection.init)
        == fromFolder.notifications.map(DeliveryCaptureTests.Projection.init))
    #expect(fromTar.notifications.filter(\.isLate).count == 3)
    #expect(
      fromTar.notification("activities", user: "USER01", subject: "2025-08-01")?.provenance.location.member
        == "notifications/year=2025/month=08/day=01/hour=14/01K1GFYJHR7EKM5HN9PPD2AG9V.json")

    let secrets = options(polar: polarDocKey, fitbit: "secret")
    let fromGzip = try walk([gzip], options: secrets)
    let fromLines = try walk([fixturePath("webhooks/captures/deliveries.jsonl")], options: secrets)
    #expect(fromGzip.notifications.count == 7)
    #expect(
      fromGzip.notifications.map(DeliveryCaptureTests.Projection.init)
        == fromLines.notifications.map(DeliveryCaptureTests.Projection.init))
  }

  private func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
