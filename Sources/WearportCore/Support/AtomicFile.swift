#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered output file that appears under its final name only when committed.
///
/// Bytes go to a temporary file beside the destination (`.name.wearport-tmp-PID`); ``commit()`` flushes, syncs and
/// renames it into place (atomic on POSIX file systems); ``abort()`` removes it. A run that is killed leaves at most
/// a temporary file, never a half-written output. The path `-` writes to standard output directly.
public final class AtomicFile {
  public let path: String
  private let temporaryPath: String?
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private var finished = false
  private let bufferSize = 1 << 20

  /// Opens the temporary file.
  ///
  /// - Throws: `output.unwritable` naming the path and the system's reason.
  public init(path: String) throws {
    self.path = path
    buffer.reserveCapacity(bufferSize)
    if path == "-" {
      temporaryPath = nil
      descriptor = STDOUT_FILENO
      return
    }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(base).wearport-tmp-\(getpid())"
    descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw Diagnostic.error(
        .outputUnwritable, "cannot create the output file", at: SourceLocation(path: path),
        cause: String(cString: strerror(errno)))
    }
    temporaryPath = temporary
  }

  deinit {
    if !finished { abort() }
  }

  public func write(_ text: String) throws {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= bufferSize { try flush() }
  }

  public func write(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= bufferSize { try flush() }
  }

  public func write(byte: UInt8) throws {
    buffer.append(byte)
    if buffer.count >= bufferSize { try flush() }
  }

  public func flush() throws {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw Diagnostic.error(
          .outputUnwritable, "cannot write the output file", at: SourceLocation(path: path),
          cause: String(cString: strerror(errno)))
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the file into place.
  ///
  /// - Throws: `output.unwritable` (the temporary file is removed).
  public func commit() throws {
    do {
      try flush()
    } catch {
      abort()
      throw error
    }
    finished = true
    guard let temporaryPath else { return }
    if fsync(descriptor) != 0 || close(descriptor) != 0 || rename(temporaryPath, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw Diagnostic.error(
        .outputUnwritable, "cannot finish the output file", at: SourceLocation(path: path), cause: reason)
    }
  }

  /// Removes the temporary file.
  public func abort() {
    guard !finished else { return }
    finished = true
    guard let temporaryPath else { return }
    close(descriptor)
    unlink(temporaryPath)
  }
}
