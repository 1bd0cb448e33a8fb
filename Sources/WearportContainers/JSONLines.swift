import WearportCore

/// Splits JSON Lines (`.jsonl`, `.ndjson`) into one document per non-blank line, streaming.
enum JSONLines {
  /// Calls `line` with each non-blank line's 1-based number and bytes: a trailing `\r` is removed, and a UTF-8 BOM
  /// at the start of line 1. Lines longer than `maxLineBytes` go to `tooLong` instead and are skipped without
  /// being held in memory.
  static func split(
    _ stream: any ByteStream, maxLineBytes: Int64, line: (Int, [UInt8]) throws -> Void, tooLong: (Int) -> Void
  ) throws {
    var current: [UInt8] = []
    var overflowed = false
    var number = 1

    func finish() throws {
      defer {
        current = []
        overflowed = false
        number += 1
      }
      if overflowed {
        tooLong(number)
        return
      }
      var bytes = current[...]
      if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
      if number == 1 && bytes.starts(with: [0xef, 0xbb, 0xbf]) { bytes = bytes.dropFirst(3) }
      let blank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
      if !blank { try line(number, Array(bytes)) }
    }

    func append(_ part: ArraySlice<UInt8>) {
      guard !overflowed else { return }
      if Int64(current.count) + Int64(part.count) > maxLineBytes {
        overflowed = true
        current = []
      } else {
        current += part
      }
    }

    while true {
      let chunk = try stream.read(maxCount: 1 << 18)
      if chunk.isEmpty { break }
      var start = chunk.startIndex
      while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
        append(chunk[start..<newline])
        try finish()
        start = newline + 1
      }
      append(chunk[start...])
    }
    if !current.isEmpty || overflowed { try finish() }
  }
}
