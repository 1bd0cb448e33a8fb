import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A byte stream over a file descriptor: a file on disk, a pipe, or standard input.
public final class FileByteStream: ByteStream {
  private let descriptor: Int32
  private let closesDescriptor: Bool
  private let location: SourceLocation
  private var atEnd = false

  /// Opens `path` for reading.
  ///
  /// - Throws: `input.not-found` when nothing is there, `input.unreadable` when it cannot be opened.
  public init(path: String, location: SourceLocation? = nil) throws {
    let location = location ?? SourceLocation(path: path)
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR {
        throw Diagnostic.error(.inputNotFound, "no such file or folder", at: location)
      }
      throw Diagnostic.error(
        .inputUnreadable, "cannot open the file", at: location, cause: ContainerMessage.systemError(code))
    }
    self.descriptor = descriptor
    self.closesDescriptor = true
    self.location = location
  }

  /// Reads an already open descriptor (standard input is `STDIN_FILENO`), closing it only if `closesDescriptor`.
  public init(descriptor: Int32, closesDescriptor: Bool, location: SourceLocation) {
    self.descriptor = descriptor
    self.closesDescriptor = closesDescriptor
    self.location = location
  }

  deinit {
    if closesDescriptor { close(descriptor) }
  }

  public func read(maxCount: Int) throws -> [UInt8] {
    guard maxCount > 0, !atEnd else { return [] }
    let capacity = min(maxCount, 1 << 20)
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      count = 0
      guard let base = buffer.baseAddress else { return }
      while true {
        #if canImport(Darwin)
          let result = Darwin.read(descriptor, base, capacity)
        #elseif canImport(Musl)
          let result = Musl.read(descriptor, base, capacity)
        #else
          let result = Glibc.read(descriptor, base, capacity)
        #endif
        if result >= 0 {
          count = result
          return
        }
        if errno == EINTR { continue }
        failure = errno
        return
      }
    }
    if failure != 0 {
      throw Diagnostic.error(
        .inputUnreadable, "cannot read the file", at: location, cause: ContainerMessage.systemError(failure))
    }
    if bytes.isEmpty { atEnd = true }
    return bytes
  }
}

/// Bytes that can be read at any offset: a file on disk or a buffer in memory. Zip archives need this.
protocol RandomAccessSource: AnyObject {
  var size: Int64 { get }
  /// Up to `count` bytes from `offset`; fewer only at the end of the source.
  func read(at offset: Int64, count: Int) throws -> [UInt8]
}

/// A file read with `pread`.
final class FileRandomAccess: RandomAccessSource {
  let size: Int64
  private let descriptor: Int32
  private let location: SourceLocation

  init(path: String, location: SourceLocation) throws {
    var descriptor: Int32
    repeat {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
    } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else {
      throw Diagnostic.error(
        .inputUnreadable, "cannot open the file", at: location, cause: ContainerMessage.systemError(errno))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let code = errno
      close(descriptor)
      throw Diagnostic.error(
        .inputUnreadable, "cannot read the file", at: location, cause: ContainerMessage.systemError(code))
    }
    self.descriptor = descriptor
    self.size = Int64(info.st_size)
    self.location = location
  }

  deinit { close(descriptor) }

  func read(at offset: Int64, count: Int) throws -> [UInt8] {
    guard count > 0, offset >= 0, offset < size else { return [] }
    let wanted = Int(min(Int64(count), size - offset))
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, filled in
      filled = 0
      guard let base = buffer.baseAddress else { return }
      while filled < wanted {
        let result = pread(descriptor, base + filled, wanted - filled, off_t(offset + Int64(filled)))
        if result > 0 {
          filled += result
        } else if result == 0 {
          return
        } else if errno != EINTR {
          failure = errno
          return
        }
      }
    }
    if failure != 0 {
      throw Diagnostic.error(
        .inputUnreadable, "cannot read the file", at: location, cause: ContainerMessage.systemError(failure))
    }
    return bytes
  }
}

/// Bytes held in memory (a zip read from standard input or from inside another archive).
final class MemoryRandomAccess: RandomAccessSource {
  private let bytes: [UInt8]
  var size: Int64 { Int64(bytes.count) }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(at offset: Int64, count: Int) throws -> [UInt8] {
    guard count > 0, offset >= 0, offset < size else { return [] }
    let start = Int(offset)
    let end = start + min(count, bytes.count - start)
    return Array(bytes[start..<end])
  }
}

/// The part `start ..< start + length` of a random-access source, read front to back.
final class RangeStream: ByteStream {
  private let source: any RandomAccessSource
  private var position: Int64
  private var remaining: Int64
  private let location: SourceLocation

  init(_ source: any RandomAccessSource, start: Int64, length: Int64, location: SourceLocation) {
    self.source = source
    self.position = start
    self.remaining = max(0, length)
    self.location = location
  }

  func read(maxCount: Int) throws -> [UInt8] {
    guard maxCount > 0, remaining > 0 else { return [] }
    let count = Int(min(Int64(min(maxCount, 1 << 18)), remaining))
    let bytes = try source.read(at: position, count: count)
    guard !bytes.isEmpty else {
      remaining = 0
      throw Diagnostic.error(.archiveCorrupt, "the archive ends inside the data of this member", at: location)
    }
    position += Int64(bytes.count)
    remaining -= Int64(bytes.count)
    return bytes
  }
}

/// File-system queries used by the folder walk.
enum FileSystem {
  enum Kind {
    case regular, directory, symbolicLink, other
  }

  struct Info {
    var kind: Kind
    var size: Int64
  }

  /// `stat` (following links) or `lstat`; the `errno` on failure.
  static func info(_ path: String, followingLinks: Bool) -> Result<Info, SystemError> {
    var status = stat()
    let result = followingLinks ? stat(path, &status) : lstat(path, &status)
    guard result == 0 else { return .failure(SystemError(code: errno)) }
    let kind: Kind
    switch status.st_mode & S_IFMT {
    case S_IFREG: kind = .regular
    case S_IFDIR: kind = .directory
    case S_IFLNK: kind = .symbolicLink
    default: kind = .other
    }
    return .success(Info(kind: kind, size: Int64(status.st_size)))
  }

  struct SystemError: Error {
    var code: Int32
    var isNotFound: Bool { code == ENOENT || code == ENOTDIR }
    var text: String { ContainerMessage.systemError(code) }
  }

  /// The names in a folder, without `.` and `..`, in no particular order.
  static func list(_ path: String) -> Result<[String], SystemError> {
    guard let directory = opendir(path) else { return .failure(SystemError(code: errno)) }
    defer { closedir(directory) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(directory) else {
        if errno != 0 { return .failure(SystemError(code: errno)) }
        break
      }
      let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
          String(cString: $0)
        }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return .success(names)
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// The last component of a path (`a/b.json` → `b.json`), ignoring trailing slashes.
  static func baseName(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    if let slash = trimmed.lastIndex(of: "/"), trimmed.index(after: slash) < trimmed.endIndex {
      return String(trimmed[trimmed.index(after: slash)...])
    }
    return String(trimmed)
  }

  /// The name a folder is known by (`.` resolves to the current folder's own name).
  static func folderName(_ path: String) -> String {
    if let resolved = realpath(path, nil) {
      defer { free(resolved) }
      let name = baseName(String(cString: resolved))
      return name == "/" ? "" : name
    }
    return baseName(path)
  }
}
