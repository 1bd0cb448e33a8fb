import Foundation
import Testing
import WearportCore
import WearportTestSupport
import WebhookArchives

@Suite struct SignatureTests {
  static let exerciseBody =
    #"{"event":"EXERCISE","user_id":475,"entity_id":"aQlC83","timestamp":"2018-05-15T14:22:24Z","url":"https://www.polaraccesslink.com/v3/exercises/aQlC83"}"#
  static let fitbitBody =
    #"[{"collectionType":"activities","date":"2010-03-01","ownerId":"184X36","ownerType":"user","subscriptionId":"2345"}]"#

  @Test func polarDocumentedVector() throws {
    let secret = try #require(WebhookSecret(text: polarDocKey))
    let body = Array(Self.exerciseBody.utf8)
    #expect(body.count == 150)
    let expected = "443ec69698c1de6d326902d7d942be1e83f0395f685b8c040cee609660d006d6"
    #expect(WebhookSignature.polarSignature(body: body, secret: secret) == expected)
    #expect(WebhookSignature.verifyPolar(body: body, header: expected, secret: secret))
    // Header case and surrounding white space do not matter; the hex does.
    #expect(WebhookSignature.verifyPolar(body: body, header: " " + expected.uppercased() + "\r\n", secret: secret))
    #expect(!WebhookSignature.verifyPolar(body: body, header: String(expected.dropLast()) + "7", secret: secret))
    #expect(!WebhookSignature.verifyPolar(body: body, header: "not-hex", secret: secret))
  }

  /// Every vector of `shared/formats/polar-webhook-test-vectors.json` verifies, including the pretty-printed body.
  @Test func polarVectorFile() throws {
    let path =
      URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().path
      + "/shared/formats/polar-webhook-test-vectors.json"
    guard let data = FileManager.default.contents(atPath: path) else { return }
    let root = JSONNode(try JSONParser.parse([UInt8](data)).root)
    let secret = try #require(WebhookSecret(text: try root.required("signature_secret_key").string()))
    let vectors = try root.required("vectors").array()
    #expect(vectors.count == 3)
    for vector in vectors {
      let body = Array(try vector.required("body").string().utf8)
      #expect(Int64(body.count) == (try vector.required("body_length").int()))
      let expected = try vector.required("expected_hex").string()
      #expect(WebhookSignature.verifyPolar(body: body, header: expected, secret: secret))
      var changed = body
      changed[changed.count / 2] ^= 0x01
      #expect(!WebhookSignature.verifyPolar(body: changed, header: expected, secret: secret))
    }
  }

  @Test func fitbitVectors() throws {
    let body = Array(Self.fitbitBody.utf8)
    #expect(body.count == 115)
    let secret = try #require(WebhookSecret(text: "secret"))
    #expect(WebhookSignature.verifyFitbit(body: body, header: "dD14mqruni3HSG3fYoNTVkTJ56k=", clientSecret: secret))
    #expect(WebhookSignature.fitbitSignature(body: body, clientSecret: secret) == "dD14mqruni3HSG3fYoNTVkTJ56k=")
    let other = try #require(WebhookSecret(text: "abc123def456"))
    #expect(WebhookSignature.verifyFitbit(body: body, header: "8vnET+eS2jjIyobxEm+77/uIqCM=", clientSecret: other))
    // Never URL-decoded: a `+` turned into a space (or %2B) no longer verifies.
    #expect(!WebhookSignature.verifyFitbit(body: body, header: "8vnET eS2jjIyobxEm 77/uIqCM=", clientSecret: other))
    #expect(
      !WebhookSignature.verifyFitbit(body: body, header: "8vnET%2BeS2jjIyobxEm%2B77/uIqCM%3D", clientSecret: other))
    // The key is the secret plus "&": the secret alone gives another MAC.
    #expect(!WebhookSignature.verifyFitbit(body: body, header: "dD14mqruni3HSG3fYoNTVkTJ56k=", clientSecret: other))
  }

  @Test func secretTextIsTrimmedAndNeverPrinted() throws {
    let secret = try #require(WebhookSecret(text: "  \(polarDocKey)\r\n"))
    #expect(secret.bytes == Array(polarDocKey.utf8))
    #expect(WebhookSecret(text: " \n") == nil)
    var options = ReadOptions()
    options.polarWebhookSecret = secret
    options.fitbitClientSecret = WebhookSecret(text: "abc123def456")
    var dumped = ""
    dump(options, to: &dumped)
    for text in ["\(options)", String(reflecting: options), dumped, "\(secret)"] {
      #expect(!text.contains(polarDocKey))
      #expect(!text.contains("abc123def456"))
    }
  }
}
