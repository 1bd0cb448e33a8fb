import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import WebhookArchives

@Suite struct PayloadTests {
  /// Polar's own examples send `2022-09-31`: the text is kept, a located warning says so, reading goes on.
  @Test func polarDayThatDoesNotExist() throws {
    let result = try walk([fixturePath("webhooks/payloads")])
    #expect(result.errors.isEmpty)
    let heart = try #require(result.notifications.first { $0.event == "CONTINUOUS_HEART_RATE" })
    #expect(heart.date == nil)
    #expect(heart.dateText == "2022-09-31")
    #expect(heart.subjectKey == "2022-09-31")
    #expect(heart.signature == .unverifiable)
    let sleepWise = try #require(result.notifications.first { $0.event == "SLEEP_WISE_ALERTNESS" })
    #expect(sleepWise.fromDate == "2022-09-31")
    #expect(sleepWise.toDate == "2022-10-02")
    #expect(sleepWise.subjectKey == "2022-09-31/2022-10-02")
    let warnings = result.warnings.filter { $0.code == .webhookDateInvalid }
    #expect(warnings.count == 2)
    let atDate = try #require(warnings.first { $0.location?.jsonPointer == "/date" })
    #expect(atDate.location?.line == 1)
    #expect(atDate.location?.column == 55)
    #expect(warnings.contains { $0.location?.jsonPointer == "/from" && $0.location?.line == 4 })
    // The plan still fetches them, by their URL.
    let plan = FetchPlanner.plan(result.notifications)
    #expect(
      plan.requests.contains {
        $0.url == "https://www.polaraccesslink.com/v3/users/sleepwise/alertness/date?from=2022-09-31&to=2022-10-02"
      })
  }

  @Test func barePayloads() throws {
    let result = try walk([fixturePath("webhooks/payloads")])
    #expect(result.notifications.count == 5)
    let exercise = try #require(result.notification("EXERCISE", user: "475", subject: "aQlC83"))
    #expect(exercise.entityID == "aQlC83")
    #expect(exercise.receivedAt == nil)
    #expect(exercise.provenance.format == "webhook.polar.payload")
    let xml = try #require(result.notification("sleep", user: "2A4B6C", subject: "2012-05-24"))
    #expect(xml.subscriptionID == "sub-&-7")
    #expect(xml.provenance.location.line == 3)
    #expect(FetchPlanner.url(for: xml) == "https://api.fitbit.com/1.2/user/2A4B6C/sleep/date/2012-05-24.json")
  }

  @Test func xmlTokenizerRefusesDeclarationsAndBadNesting() throws {
    let doctype = #"<?xml version="1.0"?><!DOCTYPE updates [<!ENTITY x "y">]><updates></updates>"#
    #expect(throws: FitbitUpdatesXML.Failure.self) { try FitbitUpdatesXML.parse(Array(doctype.utf8)) }
    let crossed = "<updates><updatedResource><date>2012-05-24</updatedResource></date></updates>"
    #expect(throws: FitbitUpdatesXML.Failure.self) { try FitbitUpdatesXML.parse(Array(crossed.utf8)) }
    let unknownEntity = "<updates><updatedResource><ownerId>&ext;</ownerId></updatedResource></updates>"
    #expect(throws: FitbitUpdatesXML.Failure.self) { try FitbitUpdatesXML.parse(Array(unknownEntity.utf8)) }
    let cut = "<updates><updatedResource><ownerId>A"
    #expect(throws: FitbitUpdatesXML.Failure.self) { try FitbitUpdatesXML.parse(Array(cut.utf8)) }
    let fine =
      "<updates><!-- a > comment --><updatedResource>\n<collectionType>foods</collectionType><ownerId>&#65;B</ownerId>"
      + "<empty/></updatedResource></updates>"
    let resources = try FitbitUpdatesXML.parse(Array(fine.utf8))
    #expect(resources.count == 1)
    #expect(resources.first?.fields["ownerId"] == "AB")
    #expect(resources.first?.fields["collectionType"] == "foods")
  }

  @Test func base64RoundTripAndStrictness() {
    for length in 0..<8 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 97 + 13) }
      let text = Base64.encode(bytes)
      #expect(Data(base64Encoded: text).map { [UInt8]($0) } == bytes)
      #expect(Base64.decode(Array(text.utf8)) == bytes)
    }
    #expect(Base64.decode(Array("ab-_".utf8)) == nil)
    #expect(Base64.decode(Array("abc".utf8)) == nil)
    #expect(Base64.decode(Array("a=bc".utf8)) == nil)
  }
}

@Suite struct CorpusAndSniffTests {
  /// Fitbit.NET's saved notifications: the non-strict JSON array (trailing commas) and the legacy XML.
  @Test func fitbitCorpus() throws {
    guard let folder = corpusPath("fitbit/webhook") else { return }
    let result = try walk([folder])
    #expect(result.errors.isEmpty)
    #expect(result.notifications.count == 6)
    #expect(result.notification("foods", user: "228S74", subject: "2010-03-02")?.subscriptionID == "1234")
    #expect(result.notification("activities", user: "2242TQ", subject: "2012-07-25") != nil)
    let trailing = try #require(
      result.warnings.first {
        $0.code == .jsonNonStandard && $0.location?.path.hasSuffix("ApiSubscriptionNotification.json") == true
      })
    #expect(trailing.location?.line == 8)
    #expect(trailing.location?.column == 17)
    #expect(trailing.message.contains("trailing comma"))
    // The subscription responses are recognised, not unknown files.
    #expect(result.diagnostics.filter { $0.code == .webhookSubscriptionResponse }.count == 4)
  }

  @Test(arguments: [
    ("webhooks/captures/deliveries.har", "webhook.capture.har"),
    ("webhooks/captures/deliveries.jsonl", "webhook.capture.delivery"),
    (
      "webhooks/lakehouse/notifications/year=2025/month=08/day=01/hour=14/01K1GFYJHR7EKM5HN9PPD2AG9V.json",
      "webhook.partitioned"
    ),
    ("webhooks/payloads/polar-exercise.json", "webhook.polar.payload"),
    ("webhooks/payloads/polar-sleepwise-doc-date.json", "webhook.polar.payload"),
    ("webhooks/payloads/fitbit-notifications.json", "webhook.fitbit.notifications"),
    ("webhooks/payloads/fitbit-updates.xml", "webhook.fitbit.notifications"),
  ])
  func eachFixtureHasOneReader(path: String, format: String) throws {
    let claims = try webhookReaders.filter { try sniff($0, fixturePath(path)) > .no }
    #expect(claims.map(\.info.id) == [format])
  }

  /// No webhook reader claims another area's fixtures.
  @Test func otherFixturesAreNotClaimed() throws {
    var checked = 0
    for area in ["polar", "fitbit", "xml", "tabular", "bad"] {
      for path in files(under: fixturePath(area)) {
        for reader in webhookReaders {
          #expect(try sniff(reader, path) == .no, "\(reader.info.id) claims \(path)")
        }
        checked += 1
      }
    }
    #expect(checked > 10)
  }
}

@Suite struct MultipartTests {
  /// Fitbit's legacy form POST: the notifications in the file field `updates`, the signature over the whole body.
  @Test func formFieldUpdates() throws {
    let json =
      #"[{"collectionType":"foods","date":"2011-06-02","ownerId":"7QQ7QQ","ownerType":"user","subscriptionId":"9"}]"#
    let body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n"
      + "--XyZ\r\nContent-Disposition: form-data; name=\"updates\"; filename=\"updates.json\"\r\n"
      + "Content-Type: application/json\r\n\r\n\(json)\r\n--XyZ--\r\n"
    let secret = try #require(WebhookSecret(text: "secret"))
    let signature = WebhookSignature.fitbitSignature(body: Array(body.utf8), clientSecret: secret)
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let line = deliveryLine(
      receivedAt: "2011-06-02T10:00:00Z",
      headers: ["Content-Type": "multipart/form-data; boundary=XyZ", "X-Fitbit-Signature": signature], body: body)
    try writeFile(line + "\n", to: folder + "/form.jsonl")
    let result = try walk([folder], options: options(fitbit: "secret"))
    #expect(result.errors.isEmpty)
    let note = try #require(result.notification("foods", user: "7QQ7QQ", subject: "2011-06-02"))
    #expect(note.signature == .valid)
    #expect(
      Multipart.part(named: "missing", in: Array(body.utf8), contentType: "multipart/form-data; boundary=XyZ") == nil)
  }
}
