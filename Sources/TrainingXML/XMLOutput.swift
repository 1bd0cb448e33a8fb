import CLibXML2
import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written under a temporary name beside its destination, closed (and synced) when complete, and renamed
/// into place only by ``publish()``; ``discard()`` removes it.
final class PendingFile {
  let path: String
  let temporaryPath: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private(set) var failure: Diagnostic?
  private var state = State.open
  private enum State { case open, closed, published, discarded }
  private static let bufferSize = 256 * 1024

  init(path: String) throws {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(base).wearport-tmp-\(getpid())"
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw Diagnostic.error(
        .outputUnwritable, "cannot create the output file", at: SourceLocation(path: path),
        cause: String(cString: strerror(errno)))
    }
    buffer.reserveCapacity(PendingFile.bufferSize)
  }

  deinit {
    if state == .open || state == .closed { discard() }
  }

  /// Appends bytes; false once writing failed (the reason is in ``failure``).
  func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
    if bytes.isEmpty { return failure == nil }
    guard failure == nil, state == .open else { return false }
    buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    if buffer.count >= PendingFile.bufferSize { return flush() }
    return true
  }

  private func flush() -> Bool {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { raw in write(descriptor, raw.baseAddress! + offset, raw.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        failure = .error(
          .outputUnwritable, "cannot write the output file", at: SourceLocation(path: path),
          cause: String(cString: strerror(errno)))
        return false
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
    return true
  }

  /// Flushes, syncs and closes the temporary file (it keeps its temporary name).
  func close() throws {
    guard state == .open else { return }
    if failure == nil { _ = flush() }
    if failure == nil, fsync(descriptor) != 0 {
      failure = .error(
        .outputUnwritable, "cannot sync the output file", at: SourceLocation(path: path),
        cause: String(cString: strerror(errno)))
    }
    _ = Glibc.close(descriptor)
    state = .closed
    buffer = []
    if let failure {
      discard()
      throw failure
    }
  }

  /// Renames the closed file into place.
  func publish() throws {
    guard state == .closed else { return }
    if rename(temporaryPath, path) != 0 {
      let reason = String(cString: strerror(errno))
      discard()
      throw Diagnostic.error(
        .outputUnwritable, "cannot finish the output file", at: SourceLocation(path: path), cause: reason)
    }
    state = .published
  }

  /// Removes the temporary file.
  func discard() {
    switch state {
    case .open:
      _ = Glibc.close(descriptor)
      unlink(temporaryPath)
    case .closed:
      unlink(temporaryPath)
    case .published, .discarded:
      break
    }
    state = .discarded
  }
}

/// A thin, throwing layer over libxml2's streaming `xmlTextWriter`, writing UTF-8 with two-space indentation into a
/// ``PendingFile``.
final class XMLDocumentWriter {
  private var writer: xmlTextWriterPtr?
  private let file: PendingFile

  init(file: PendingFile) throws {
    libxml2Ready
    self.file = file
    // I/O problems are reported by the file itself; keep libxml2 from printing them on this thread.
    xmlSetStructuredErrorFunc(nil, { _, _ in })
    let context = Unmanaged.passUnretained(file).toOpaque()
    guard
      let output = xmlOutputBufferCreateIO(
        { context, bytes, length in
          guard let context, let bytes, length >= 0 else { return -1 }
          let file = Unmanaged<PendingFile>.fromOpaque(context).takeUnretainedValue()
          let ok = file.append(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
          return ok ? length : -1
        }, { _ in 0 }, context, nil)
    else {
      throw Diagnostic.error(
        .outputUnwritable, "the XML writer could not be started", at: SourceLocation(path: file.path))
    }
    guard let created = xmlNewTextWriter(output) else {
      xmlOutputBufferClose(output)
      throw Diagnostic.error(
        .outputUnwritable, "the XML writer could not be started", at: SourceLocation(path: file.path))
    }
    writer = created
    xmlTextWriterSetIndent(created, 1)
    "  ".withCString { text in
      text.withMemoryRebound(to: UInt8.self, capacity: 3) { _ = xmlTextWriterSetIndentString(created, $0) }
    }
  }

  deinit {
    close()
  }

  /// Frees libxml2's writer (after ``endDocument()`` everything has been handed to the file).
  func close() {
    if let writer { xmlFreeTextWriter(writer) }
    writer = nil
  }

  private func check(_ result: Int32) throws {
    if result < 0 {
      throw file.failure
        ?? Diagnostic.error(.outputUnwritable, "the XML writer failed", at: SourceLocation(path: file.path))
    }
  }

  func startDocument() throws {
    try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
  }

  func endDocument() throws {
    try check(xmlTextWriterEndDocument(writer))
    try check(xmlTextWriterFlush(writer))
  }

  func start(_ name: StaticString) throws {
    try check(xmlTextWriterStartElement(writer, name.utf8Start))
  }

  func end() throws {
    try check(xmlTextWriterEndElement(writer))
  }

  func attribute(_ name: StaticString, _ value: String) throws {
    try value.withCString { text in
      try text.withMemoryRebound(to: UInt8.self, capacity: value.utf8.count + 1) {
        try check(xmlTextWriterWriteAttribute(writer, name.utf8Start, $0))
      }
    }
  }

  func element(_ name: StaticString, _ value: String) throws {
    try value.withCString { text in
      try text.withMemoryRebound(to: UInt8.self, capacity: value.utf8.count + 1) {
        try check(xmlTextWriterWriteElement(writer, name.utf8Start, $0))
      }
    }
  }
}

/// Numbers as TCX and GPX want them: fixed notation (never an exponent), at most `decimals` decimals, trailing
/// zeros trimmed; deterministic.
enum XMLNumber {
  static func fixed(_ value: Double, decimals: Int = 9) -> String {
    guard value.isFinite else { return "0" }
    var places = decimals
    while places > 0, abs(value) * pow10(places) >= 9.0e15 { places -= 1 }
    let scale = pow10(places)
    let scaled = (value * scale).rounded()
    guard abs(scaled) < 9.2e18 else { return String(Int64(value.rounded())) }
    var integer = Int64(scaled)
    let negative = integer < 0
    integer = abs(integer)
    let divisor = Int64(scale)
    let whole = integer / divisor
    var fraction = integer % divisor
    var text = negative && integer != 0 ? "-" : ""
    text += String(whole)
    if fraction != 0 {
      var digits = places
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let fractionText = String(fraction)
      text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
    return text
  }

  private static func pow10(_ places: Int) -> Double {
    var result = 1.0
    for _ in 0..<places { result *= 10 }
    return result
  }

  /// The nearest integer within `range`, or nil when the value rounds outside it.
  static func integer(_ value: Double?, in range: ClosedRange<Int>) -> Int? {
    guard let value, value.isFinite else { return nil }
    let rounded = value.rounded()
    guard rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound) else { return nil }
    return Int(rounded)
  }
}
