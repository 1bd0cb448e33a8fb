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
    if buffer.isEmpty && bytes.count >= PendingFile.bufferSize {
      // A full buffer's worth (the XML writer hands over 256 KiB at a time): written as it is, not copied first.
      return writeAll(bytes)
    }
    buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
    if buffer.count >= PendingFile.bufferSize { return flush() }
    return true
  }

  private func flush() -> Bool {
    let ok = buffer.withUnsafeBytes { writeAll($0) }
    if ok { buffer.removeAll(keepingCapacity: true) }
    return ok
  }

  /// Writes all of `bytes` to the descriptor; false (with ``failure`` set) on an error.
  private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        failure = .error(
          .outputUnwritable, "cannot write the output file", at: SourceLocation(path: path),
          cause: String(cString: strerror(errno)))
        return false
      }
      offset += written
    }
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
    text.element(name, time: instant, alwaysMilliseconds: alwaysMilliseconds)
    try flushIfFull()
  }

  /// An element holding a number in ``XMLNumber/fixed(_:decimals:)``'s form.
  func element(_ name: StaticString, fixed value: Double, decimals: Int = 9) throws {
    text.element(name, fixed: value, decimals: decimals)
    try flushIfFull()
  }

  /// An element holding an integer.
  func element(_ name: StaticString, integer value: Int) throws {
    text.element(name, integer: value)
    try flushIfFull()
  }

  /// Several writes in one access to the buffer (a trackpoint is a dozen elements: one exclusivity check instead of
  /// a dozen), then a flush when the buffer is full.
  func batch(_ body: (inout XMLText) -> Void) throws {
    body(&text)
    try flushIfFull()
  }
}

/// The bytes of an XML document being written, with its open elements.
struct XMLText {
  var bytes: [UInt8] = []
  /// Open elements: name, and whether each has child elements yet.
  private var open: [(name: StaticString, hasChildren: Bool)] = []
  /// The start tag of the innermost element still lacks its `>`.
  private var startTagOpen = false
  /// A line feed and 128 spaces: enough indentation for any depth used (a literal: no once-check per line).
  private static var indentation: StaticString {
    """
    \n\
                                                                    \
                                                                   \u{20}
    """
  }

  private mutating func append(_ name: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
  }

  private mutating func newLineAndIndent(_ depth: Int) {
    let indentation = XMLText.indentation
    let count = min(2 * depth, indentation.utf8CodeUnitCount - 1)
    bytes.append(contentsOf: UnsafeBufferPointer(start: indentation.utf8Start, count: count + 1))
  }

  /// Closes the parent's start tag and starts a line for a child element.
  private mutating func beginChild() {
    guard !open.isEmpty else { return }
    if startTagOpen { bytes.append(UInt8(ascii: ">")) }
    open[open.count - 1].hasChildren = true
    newLineAndIndent(open.count)
  }

  mutating func start(_ name: StaticString) {
    beginChild()
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
      bytes.append(UInt8(ascii: "<"))
      bytes.append(UInt8(ascii: "/"))
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
    // As start(name), ">", content, end(), without pushing and popping the element.
    beginChild()
    bytes.append(UInt8(ascii: "<"))
    append(name)
    bytes.append(UInt8(ascii: ">"))
    startTagOpen = false
    content(&self)
    bytes.append(UInt8(ascii: "<"))
    bytes.append(UInt8(ascii: "/"))
    append(name)
    bytes.append(UInt8(ascii: ">"))
  }

  /// `<name>time</name>`: see ``XMLDocumentWriter/element(_:time:alwaysMilliseconds:)``.
  mutating func element(_ name: StaticString, time instant: Instant, alwaysMilliseconds: Bool) {
    element(name) { TimestampRenderer.appendUTC(instant, alwaysMilliseconds: alwaysMilliseconds, to: &$0.bytes) }
  }

  /// `<name>number</name>` in ``XMLNumber/fixed(_:decimals:)``'s form.
  mutating func element(_ name: StaticString, fixed value: Double, decimals: Int = 9) {
    element(name) { XMLNumber.appendFixed(value, decimals: decimals, to: &$0.bytes) }
  }

  /// `<name>integer</name>`.
  mutating func element(_ name: StaticString, integer value: Int) {
    element(name) { XMLNumber.appendInteger(Int64(value), to: &$0.bytes) }
  }

  /// `<name>text</name>`, escaped.
  mutating func element(_ name: StaticString, _ value: String) {
    element(name) { $0.appendEscaped(value, inAttribute: false) }
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
    var bytes: [UInt8] = []
    appendFixed(value, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``fixed(_:decimals:)``'s text to `bytes` (no intermediate string: a million trackpoints write several
  /// million numbers).
  static func appendFixed(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
    guard value.isFinite else {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    var places = min(decimals, 18)
    while places > 0, abs(value) * DecimalText.exactPowerOfTen(places) >= 9.0e15 { places -= 1 }
    let scale = DecimalText.exactPowerOfTen(places)
    let scaled = (value * scale).rounded()
    guard abs(scaled) < 9.2e18 else {
      // Beyond Int64 (which trapped here): every such double is an integer; C's "%.0f" prints its exact digits.
      appendWhole(value, to: &bytes)
      return
    }
    var integer = Int64(scaled)
    let negative = integer < 0
    integer = abs(integer)
    let divisor = Int64(scale)
    let whole = integer / divisor
    var fraction = integer % divisor
    if negative && integer != 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(UInt64(whole), minimumCount: 1, to: &bytes)
    if fraction != 0 {
      var digits = places
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      bytes.append(UInt8(ascii: "."))
      appendDigits(UInt64(fraction), minimumCount: digits, to: &bytes)
    }
  }

  /// Appends a huge finite double (|value| ≥ 2^63, so an integer) in plain decimal digits.
  private static func appendWhole(_ value: Double, to bytes: inout [UInt8]) {
    var buffer = [CChar](repeating: 0, count: 400)  // the largest double has 309 digits
    let written = buffer.withUnsafeMutableBufferPointer { text in
      withVaList([value]) { vsnprintf(text.baseAddress, text.count, "%.0f", $0) }
    }
    guard written > 0, Int(written) < buffer.count else {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    for index in 0..<Int(written) { bytes.append(UInt8(bitPattern: buffer[index])) }
  }

  /// Appends a signed integer in decimal, as `String(value)` writes it.
  static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    appendDigits(value.magnitude, minimumCount: 1, to: &bytes)
  }

  /// Appends the decimal digits of `value`, padded with leading zeros to `minimumCount` digits.
  private static func appendDigits(_ value: UInt64, minimumCount: Int, to bytes: inout [UInt8]) {
    // At most 20 digits, and at most 18 places of padding: written backwards into a scratch buffer, appended once.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { scratch in
      var index = 32
      var rest = value
      repeat {
        index -= 1
        scratch[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0
      while 32 - index < minimumCount && index > 0 {
        index -= 1
        scratch[index] = UInt8(ascii: "0")
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[index..<32]))
    }
  }

  /// The nearest integer within `range`, or nil when the value rounds outside it.
  static func integer(_ value: Double?, in range: ClosedRange<Int>) -> Int? {
    guard let value, value.isFinite else { return nil }
    let rounded = value.rounded()
    guard rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound) else { return nil }
    return Int(rounded)
  }
}
