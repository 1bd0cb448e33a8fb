import Testing
import WearportCore

@testable import Wearport

/// The `sources` fingerprint: FIPS 180-4 answers, and chunked input equal to whole input.
@Suite struct DigestTests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  ])
  func knownAnswers(_ input: String, _ expected: String) {
    var digest = DocumentDigest.sha256.start()
    digest.update(Array(input.utf8))
    #expect(digest.finalizeHex() == expected)
  }

  @Test func chunksGiveTheSameDigest() {
    var digest = DocumentDigest.sha256.start()
    for _ in 0..<1000 { digest.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
    #expect(digest.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
