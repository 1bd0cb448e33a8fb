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

/// A streaming XML writer into a ``PendingFile``: UTF-8, two-space indentation, one element per line, elements
/// holding only text on one line, empty elements as `<name/>` — the layout libxml2's `xmlTextWriter` gives with
/// indentation on, written straight into a byte buffer (a million trackpoints are several million elements).
///
/// Text and attribute values are escaped (`&`, `<`, `>`, and in attributes `"` and white-space controls as
/// character references); other C0 controls, which XML 1.0 forbids, are dropped.
final class XMLDocumentWriter {
  private let file: PendingFile
  /// The text and element state; one access per call (a class property accessed byte by byte pays for exclusivity
  /// checks on every byte).
  private var text = XMLText()
  private static let flushSize = 256 * 1024

  init(file: PendingFile) throws {
    self.file = file
    text.bytes.reserveCapacity(XMLDocumentWriter.flushSize + 4096)
  }

  /// Releases the buffer (after ``endDocument()`` everything has been handed to the file).
  func close() {
    text = XMLText()
  }

  private func flushIfFull() throws {
    if text.bytes.count >= XMLDocumentWriter.flushSize { try flush() }
  }

  private func flush() throws {
    let ok = text.bytes.withUnsafeBytes { file.append($0) }
    text.bytes.removeAll(keepingCapacity: true)
    if !ok {
      throw file.failure
        ?? Diagnostic.error(.outputUnwritable, "the XML writer failed", at: SourceLocation(path: file.path))
    }
  }

  func startDocument() throws {
    text.bytes.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8"?>"#.utf8)
    text.bytes.append(0x0A)
  }

  func endDocument() throws {
    text.endAll()
    text.bytes.append(0x0A)
    try flush()
  }

  /// Opens an element: closes the parent's start tag, starts a line at the element's depth.
  func start(_ name: StaticString) throws {
    text.start(name)
  }

  func end() throws {
    text.end()
    try flushIfFull()
  }

  func attribute(_ name: StaticString, _ value: String) throws {
    text.attribute(name, value)
  }

  /// An element holding only `value`, on one line.
  func element(_ name: StaticString, _ value: String) throws {
    text.element(name) { $0.appendEscaped(value, inAttribute: false) }
    try flushIfFull()
  }

  /// An element holding a UTC time: `2026-02-26T15:42:39.000Z` (milliseconds always, as TCX readers expect) or
  /// ``TimestampRenderer/utc(_:)``'s form.
  func element(_ name: StaticString, time instant: Instant, alwaysMilliseconds: Bool) throws {
    text.element(name) { TimestampRenderer.appendUTC(instant, alwaysMilliseconds: alwaysMilliseconds, to: &$0.bytes) }
    try flushIfFull()
  }
}

/// The bytes of an XML document being written, with its open elements.
private struct XMLText {
  var bytes: [UInt8] = []
  /// Open elements: name, and whether each has child elements yet.
  private var open: [(name: StaticString, hasChildren: Bool)] = []
  /// The start tag of the innermost element still lacks its `>`.
  private var startTagOpen = false
  /// A line feed and enough indentation for any depth used.
  private static let indentation: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 128)

  private mutating func append(_ name: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
  }

  private mutating func newLineAndIndent(_ depth: Int) {
    let count = min(2 * depth, XMLText.indentation.count - 1)
    bytes.append(contentsOf: XMLText.indentation[0...count])
  }

  mutating func start(_ name: StaticString) {
    if !open.isEmpty {
      if startTagOpen { bytes.append(UInt8(ascii: ">")) }
      open[open.count - 1].hasChildren = true
      newLineAndIndent(open.count)
    }
    bytes.append(UInt8(ascii: "<"))
    append(name)
    open.append((name, false))
    startTagOpen = true
  }

  mutating func end() {
    guard let (name, hasChildren) = open.popLast() else { return }
    if startTagOpen {
      bytes.append(contentsOf: "/>".utf8)
      startTagOpen = false
    } else {
      if hasChildren { newLineAndIndent(open.count) }
      bytes.append(contentsOf: "</".utf8)
      append(name)
      bytes.append(UInt8(ascii: ">"))
    }
  }

  mutating func endAll() {
    while !open.isEmpty { end() }
  }

  mutating func attribute(_ name: StaticString, _ value: String) {
    bytes.append(0x20)
    append(name)
    bytes.append(contentsOf: "=\"".utf8)
    appendEscaped(value, inAttribute: true)
    bytes.append(UInt8(ascii: "\""))
  }

  /// `<name>content</name>` on a line of its own.
  mutating func element(_ name: StaticString, content: (inout XMLText) -> Void) {
    start(name)
    bytes.append(UInt8(ascii: ">"))
    startTagOpen = false
    content(&self)
    _ = open.popLast()
    bytes.append(contentsOf: "</".utf8)
    append(name)
    bytes.append(UInt8(ascii: ">"))
  }

  mutating func appendEscaped(_ value: String, inAttribute: Bool) {
    var value = value
    value.withUTF8 { utf8 in
      var clean = true
      for byte in utf8 where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 {
        clean = false
        break
      }
      if clean {
        bytes.append(contentsOf: utf8)
        return
      }
      for byte in utf8 {
        switch byte {
        case 0x26: bytes.append(contentsOf: "&amp;".utf8)
        case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
        case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
        case 0x22: bytes.append(contentsOf: "&quot;".utf8)
        case 0x0D: bytes.append(contentsOf: "&#13;".utf8)
        case 0x0A where inAttribute: bytes.append(contentsOf: "&#10;".utf8)
        case 0x09 where inAttribute: bytes.append(contentsOf: "&#9;".utf8)
        case 0x09, 0x0A: bytes.append(byte)
        case ..<0x20: break  // not allowed in XML 1.0
        default: bytes.append(byte)
        }
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
