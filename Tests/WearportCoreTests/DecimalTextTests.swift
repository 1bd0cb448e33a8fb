import Testing
import WearportTestSupport

@testable import WearportCore

/// `DecimalText.plain` gives exactly the double `Double(String)` gives, or leaves the text to it.
@Suite struct DecimalTextTests {
  static func plain(_ text: String) -> Double? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { DecimalText.plain(UnsafeBufferPointer($0), from: 0, to: $0.count) }
  }

  @Test func plainDecimalsAreTheDoubleOfAFullConversion() throws {
    var generator = SplitMix(seed: 0x5EED_00DE)
    for _ in 0..<20_000 {
      let whole = Int.random(in: 0..<1_000_000, using: &generator)
      let decimals = Int.random(in: 0...9, using: &generator)
      var text = (Bool.random(using: &generator) ? "-" : "") + String(whole)
      if decimals > 0 {
        text += "." + String((0..<decimals).map { _ in "0123456789".randomElement(using: &generator)! })
      }
      let expected = try #require(Double(text))
      #expect(Self.plain(text)?.bitPattern == expected.bitPattern, "\(text)")
    }
    #expect(Self.plain("+25.125") == 25.125)
    #expect(Self.plain("0.0000000000000000000001") == 1e-22)
    #expect(Self.plain("-0")?.sign == .minus)
  }

  @Test func everythingElseIsLeftToTheFullConversion() {
    for text in ["", "-", "1.", ".5", "1e5", "1.2.3", "0x10", "nan", " 1", "1234567890123456", "1,5"] {
      #expect(Self.plain(text) == nil, "\(text)")
    }
    #expect(DecimalText.exactPowerOfTen(22) == 1e22)
    #expect(DecimalText.exactPowerOfTen(0) == 1)
  }
}
