/// Receives checked records and writes them somewhere.
///
/// A sink writes to a temporary name and makes its outputs appear only in ``finish()``; ``abort()`` removes
/// whatever it started. It never knows which reader produced a record.
public protocol RecordSink: AnyObject {
  /// Writes one record.
  ///
  /// - Throws: `output.unwritable` when the output cannot be written.
  func write(_ record: Record) throws
  /// Makes the outputs appear; returns their paths.
  func finish() throws -> [String]
  /// Removes partial outputs.
  func abort()
}
