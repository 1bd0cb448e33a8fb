import CFuzzDriver
import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What libFuzzer calls with each input (the targets' `LLVMFuzzerTestOneInput`).
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Runs libFuzzer with the program's arguments and exits with its status. SwiftPM links an executable's `main` to
/// the module's entry point (the target's `@main`), so libFuzzer's own `main` is not used: this starts its driver.
public func runFuzzer(_ callback: FuzzCallback) -> Never {
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// A sink that keeps nothing: the fuzz targets only care that reading neither crashes nor hangs.
public final class DiscardSink: RecordSink {
  public private(set) var count = 0
  public init() {}
  public func write(_ record: Record) throws {
    // Touch what every real sink computes, so that a record that cannot be keyed or rendered is noticed.
    _ = record.kind
    _ = record.naturalKey
    count += 1
  }
  public func finish() throws -> [String] { [] }
  public func abort() {}
}

/// A sink that keeps the records it is given, for the targets' differential checks.
public final class KeepingSink: RecordSink {
  public private(set) var records: [Record] = []
  public init() {}
  public func write(_ record: Record) throws { records.append(record) }
  public func finish() throws -> [String] { [] }
  public func abort() {}
}

/// One fuzz input: the payload and a selector taken from its last byte (which the payload does not include), so
/// the fuzzer can steer choices such as the document name that guides sniffing. Seeds carry the selector that
/// Fuzz/seeds.py appended.
public struct FuzzInput {
  public var payload: [UInt8]
  public var selector: UInt8

  public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    guard let data, size > 0 else {
      payload = []
      selector = 0
      return
    }
    payload = Array(UnsafeBufferPointer(start: data, count: size - 1))
    selector = data[size - 1]
  }

  /// The element of `choices` the selector's low bits name.
  public func choose<T>(_ choices: [T]) -> T { choices[Int(selector & 0x7f) % choices.count] }

  /// The selector's high bit: a second switch (strict reading, for instance).
  public var flag: Bool { selector & 0x80 != 0 }
}

/// Reads a document's stream to its end, at most `limit` bytes, the way a reader would.
public func drain(_ document: InputDocument, limit: Int) throws -> Int {
  let stream = try document.open()
  var total = 0
  while total < limit {
    let chunk = try stream.read(maxCount: min(1 << 16, limit - total))
    if chunk.isEmpty { break }
    total += chunk.count
  }
  return total
}
