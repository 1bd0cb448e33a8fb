/// Values parsed out of a node's text, with a failure reported at the node (its pointer, then line and column).
extension JSONNode {
  /// Runs `body`; a diagnostic it throws without a location gets this node's.
  public func located<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let diagnostic as Diagnostic where diagnostic.location == nil {
      throw invalid(diagnostic.message, code: diagnostic.code)
    }
  }

  /// A date-time in any form ``DateTimeParser/parse(_:)-(String)`` reads.
  ///
  /// - Throws: `json.type-mismatch`, `time.invalid-date-time`.
  public func dateTime() throws -> ParsedDateTime {
    let text = try string()
    return try located { try DateTimeParser.parse(text) }
  }

  /// A calendar date `yyyy-MM-dd`.
  ///
  /// - Throws: `json.type-mismatch`, `time.invalid-date-time`.
  public func localDate() throws -> LocalDate {
    let text = try string()
    return try located { try LocalDate.parse(text) }
  }

  /// The seconds of an ISO-8601 duration without years or months (those have no fixed length). A time span
  /// (an exercise, a time in zone) cannot be negative: a negative duration is refused.
  ///
  /// - Throws: `json.type-mismatch`, `time.invalid-duration`.
  public func durationSeconds() throws -> Double {
    let text = try string()
    let duration = try located { try ISODuration.parse(text) }
    guard let seconds = duration.totalSeconds else {
      throw invalid(
        "the duration \"\(text)\" uses years or months, which have no fixed length", code: .timeInvalidDuration)
    }
    guard seconds >= 0 else {
      throw invalid("the duration is negative", code: .timeInvalidDuration)
    }
    return seconds
  }
}
