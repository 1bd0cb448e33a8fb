import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Diagnostic.Code {
  /// An exercise has no GPS route, so no GPX file was written for it (its TCX is still complete).
  public static let gpxNoRoute: Self = "gpx.no-route"
}

/// Writes one TCX or GPX file per exercise into a folder (created if missing), named
/// `<UTC start YYYYMMDDTHHMMSSZ>_<sport>_<provider>-<id>.tcx|.gpx`.
///
/// Each file is streamed with libxml2's writer to a temporary name and closed; all of them are renamed into place in
/// ``finish()``, and ``abort()`` removes them, so a failed run leaves no file half-written. Records other than
/// exercises are ignored; zero exercises give no file and no error.
public final class TrainingXMLSink: RecordSink {
  public enum Format: String, Sendable { case tcx, gpx }

  public let format: Format
  public let folder: String
  private var pending: [PendingFile] = []
  private var usedNames: Set<String> = []
  private var notes: [Diagnostic] = []

  /// - Throws: `output.unwritable` when the folder cannot be created or is not a folder.
  public init(format: Format, folder: String) throws {
    if folder == "-" || folder.isEmpty {
      throw Diagnostic.error(
        .outputUnwritable, "\(format.rawValue.uppercased()) files need a folder for -o, not standard output",
        at: SourceLocation(path: folder))
    }
    self.format = format
    self.folder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    try TrainingXMLSink.makeFolder(self.folder)
  }

  public func write(_ record: Record) throws {
    guard case .exercise(let exercise) = record else { return }
    if format == .gpx && exercise.route.isEmpty {
      notes.append(
        .note(
          .gpxNoRoute, "exercise \(exercise.exerciseID) has no GPS route; no GPX file was written for it (TCX has it)"))
      return
    }
    let file = try PendingFile(path: folder + "/" + fileName(for: exercise))
    do {
      let writer = try XMLDocumentWriter(file: file)
      switch format {
      case .tcx: try TCXWriter.write(exercise, to: writer)
      case .gpx: try GPXWriter.write(exercise, to: writer)
      }
      writer.close()
      try file.close()
    } catch {
      file.discard()
      throw error
    }
    pending.append(file)
  }

  public func takeNotes() -> [Diagnostic] {
    defer { notes = [] }
    return notes
  }

  public func finish() throws -> [String] {
    var written: [String] = []
    for file in pending {
      do {
        try file.publish()
        written.append(file.path)
      } catch {
        abort()
        throw error
      }
    }
    pending = []
    return written
  }

  public func abort() {
    for file in pending { file.discard() }
    pending = []
  }

  /// `20260226T154239Z_running_polar-hX7k2Qp.tcx`; a name already used in this run gets `-2`, `-3` ….
  func fileName(for exercise: Exercise) -> String {
    let stamp = TimestampRenderer.utc(exercise.start.instant).filter { $0 != "-" && $0 != ":" }
    let compact = stamp.split(separator: ".").first.map { String($0) + (stamp.contains(".") ? "Z" : "") } ?? stamp
    let base =
      "\(compact)_\(TrainingXMLSink.safe(exercise.sport.rawValue, limit: 40))_"
      + "\(TrainingXMLSink.safe(exercise.provider.rawValue, limit: 20))-\(TrainingXMLSink.safe(exercise.providerID, limit: 80))"
    var name = base + "." + format.rawValue
    var counter = 2
    while usedNames.contains(name) {
      name = "\(base)-\(counter).\(format.rawValue)"
      counter += 1
    }
    usedNames.insert(name)
    return name
  }

  /// Letters, digits, `.`, `-` and `_` kept; anything else becomes `_`.
  static func safe(_ text: String, limit: Int) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      let keep =
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
        || scalar == "." || scalar == "-" || scalar == "_"
      result.unicodeScalars.append(keep ? scalar : "_")
      if result.unicodeScalars.count >= limit { break }
    }
    if result.isEmpty { result = "_" }
    return result
  }

  static func makeFolder(_ path: String) throws {
    var status = stat()
    if stat(path, &status) == 0 {
      if (status.st_mode & S_IFMT) == S_IFDIR { return }
      throw Diagnostic.error(
        .outputUnwritable, "the output path exists and is not a folder", at: SourceLocation(path: path))
    }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if stat(prefix, &status) != 0, mkdir(prefix, 0o755) != 0, errno != EEXIST {
        throw Diagnostic.error(
          .outputUnwritable, "cannot create the output folder", at: SourceLocation(path: path),
          cause: String(cString: strerror(errno)))
      }
      prefix += "/"
    }
  }
}
