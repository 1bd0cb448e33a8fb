import Testing
import WearportTestSupport

@testable import WearportCore

/// The caches of the per-sample paths give exactly what the uncached functions give, whatever the order of inputs.
struct HotPathCacheTests {
  static func usShort(_ text: String) -> LocalDateTime? {
    var copy = text
    return copy.withUTF8 { try? DateTimeParser.parseUSShort(bytes: $0) }
  }

  @Test func theDateCacheGivesWhatTheParserGivesOnASequenceOfTexts() {
    let texts = [
      "05/18/15 05:25:00", "05/18/15 05:25:05", "05/18/15 23:59:59", "05/18/15 24:00:00", "05/18/15 05:60:00",
      "05/18/15 05:25:60", "05/19/15 00:00:00", "05/18/15 05:25:10", " 5/18/15 05:25:00", " 5/18/15 06:25:00",
      "5/18/15  05:25:00", "5/18/15  07:25:00", "02/29/16 12:00:00", "02/29/15 12:00:00", "02/29/15 13:00:00",
      "13/01/15 12:00:00", "01/01/70 00:00:00", "01/01/69 00:00:00", "05/18/2015 05:25:00", "05/18/15 5:25:00",
      "05/18/15 05:25", "05/18/15 05:25:00.5", "05/18/15x05:25:00", "05/18/15 05-25-00", "05/18/15 0a:25:00",
      "", "05/18/15 05:25:0 ", "00/18/15 05:25:00", "00/18/15 06:25:00", "05/18/15 99:99:99",
    ]
    var cache = USShortDateCache()
    // Twice through, so that each text is read with the cache holding another text's date and its own.
    for text in texts + texts + texts.reversed() {
      var copy = text
      let cached = copy.withUTF8 { cache.parse($0) }
      #expect(cached == Self.usShort(text), "\"\(text)\"")
    }
  }

  @Test func theDateCacheGivesWhatTheParserGivesForRandomPlainTexts() {
    var random = SplitMix(seed: 9)
    var cache = USShortDateCache()
    for _ in 0..<20_000 {
      // Mostly valid, some fields out of range, a few days repeated in a row.
      let month = Int.random(in: 0...13, using: &random)
      let day = Int.random(in: 0...32, using: &random)
      let year = Int.random(in: 0...99, using: &random)
      let hour = Int.random(in: 0...25, using: &random)
      let minute = Int.random(in: 0...61, using: &random)
      let second = Int.random(in: 0...61, using: &random)
      func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
      for repeatSecond in [second, (second + 5) % 62] {
        let text = "\(two(month))/\(two(day))/\(two(year)) \(two(hour)):\(two(minute)):\(two(repeatSecond))"
        var copy = text
        let cached = copy.withUTF8 { cache.parse($0) }
        #expect(cached == Self.usShort(text), "\"\(text)\"")
      }
    }
  }

  @Test func theTimestampCacheRendersWhatTheRendererRenders() {
    var random = SplitMix(seed: 4)
    var utcCache = TimestampTextCache()
    var localCache = TimestampTextCache()
    var keyCache = TimestampTextCache()
    var milliseconds: Int64 = 1_772_120_559_000
    for step in 0..<50_000 {
      // Runs through days in order, with jumps back, far dates (before 1970, past 9999) and sub-second times.
      switch step % 1000 {
      case 999: milliseconds = Int64.random(in: -400_000_000_000_000...400_000_000_000_000, using: &random)
      case 500: milliseconds -= 86_400_000 * 3
      default: milliseconds += Int64.random(in: 0...3_600_000, using: &random)
      }
      if step % 7 == 0 { milliseconds += Int64.random(in: 1...999, using: &random) }
      let offset = [0, 3600, -25_200, 32_400, 19_800, -3_723, 50_400][step % 7]
      let timestamp = Timestamp(
        instant: Instant(millisecondsSinceEpoch: milliseconds), utcOffsetSeconds: offset, offsetSource: .timeZone)
      var utc: [UInt8] = []
      utcCache.appendUTC(timestamp.instant, to: &utc)
      #expect(String(decoding: utc, as: UTF8.self) == TimestampRenderer.utc(timestamp.instant))
      var local: [UInt8] = []
      localCache.appendLocal(timestamp, to: &local)
      #expect(String(decoding: local, as: UTF8.self) == TimestampRenderer.local(timestamp))
      var key: [UInt8] = []
      keyCache.appendUTC(timestamp.instant, alwaysMilliseconds: true, to: &key)
      #expect(String(decoding: key, as: UTF8.self) == TimestampRenderer.utcMilliseconds(timestamp.instant))
    }
  }

  @Test(arguments: [0, 7, 10, 99, 100, 12_345, 999_999, 1_000_000, 123_456_789_012_345, -1, -10])
  func aMatchedElementsPointerIsTheArraysPointerAndItsIndex(index: Int) {
    for (path, pointer) in [(JSONPath.root, ""), (JSONPath.root.appending("activities-heart-intraday"), "/a~1b")] {
      let match = JSONStreamMatch(arrayPath: path, index: index, arrayPointer: pointer)
      #expect(match.pointer == pointer + "/" + String(index))
    }
  }
}
