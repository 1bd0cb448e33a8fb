import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Limits that keep hostile or broken inputs (zip and gzip bombs, archive quines) from exhausting memory or time.
public struct ContainerOptions: Sendable {
  /// One document (a file, an archive member, one JSON line) after decompression.
  public var maxDocumentBytes: Int64 = 1 << 30
  /// All decompressed bytes from one archive, nested archives included (zip and gzip bomb guard).
  public var maxTotalBytes: Int64 = 16 << 30
  /// Archives inside archives (a `.tar.gz` counts once); a deeper one is read as a plain document. At most 64.
  public var maxNestingDepth: Int = 4
  /// Documents from a source that can be read again (a zip on disk, a `.gz` file) up to this size are kept in
  /// memory once read; larger ones are decompressed again each time they are opened. Documents from a source
  /// that cannot be read again (tar members, standard input) are always kept in memory, up to
  /// ``maxDocumentBytes``.
  public var inMemoryDocumentBytes: Int64 = 32 << 20

  public init() {}
}

/// Turns the inputs users name (files, folders, zip and tar archives, gzip files, JSON Lines, `-` for standard
/// input) into ``InputDocument``s, one at a time.
public enum InputWalker {
  /// Walks every input in order and hands each document to `body`. Problems that affect one member or one
  /// file (corrupt entry, unsafe name, skipped symlink, over-limit member, unreadable file inside a folder) are
  /// passed to `report` and the walk goes on. An input path that does not exist or cannot be opened at all throws.
  ///
  /// A document is valid only during the call to `body` that receives it. Errors thrown by `body` stop the walk
  /// and are rethrown unchanged.
  ///
  /// - Throws: `input.not-found`, `input.unreadable` for `path` itself; whatever `body` throws.
  public static func walk(
    _ path: String, options: ContainerOptions = ContainerOptions(),
    report: (Diagnostic) -> Void, body: (InputDocument) throws -> Void
  ) throws {
    try run(options: options, report: report, body: body) { try $0.walk(path: path) }
  }

  /// Walks a stream as `walk("-")` walks standard input: its magic bytes decide whether it is a gzip, zip or tar
  /// container; otherwise it is one document (a JSON Lines one when `name` says so). A zip has to be held in
  /// memory, up to ``ContainerOptions/maxDocumentBytes``.
  ///
  /// - Parameters:
  ///   - path: the input as the user named it, for locations (`-` for standard input).
  ///   - name: the file name used for sniffing; defaults to `path`'s last component.
  public static func walk(
    stream: any ByteStream, path: String = "-", name: String? = nil, options: ContainerOptions = ContainerOptions(),
    report: (Diagnostic) -> Void, body: (InputDocument) throws -> Void
  ) throws {
    try run(options: options, report: report, body: body) {
      try $0.walk(stream: stream, path: path, name: name ?? FileSystem.baseName(path))
    }
  }

  private static func run(
    options: ContainerOptions, report: (Diagnostic) -> Void, body: (InputDocument) throws -> Void,
    _ action: (ContainerWalk) throws -> Void
  ) throws {
    try withoutActuallyEscaping(report) { report in
      try withoutActuallyEscaping(body) { body in
        let walk = ContainerWalk(options: options, report: report, body: body)
        do {
          try action(walk)
        } catch let failure as BodyFailure {
          throw failure.underlying
        } catch let abort as ArchiveAbort {
          walk.report(abort.diagnostic)
        }
      }
    }
  }
}

/// Something to read: a file on disk or a stream, with where it came from.
private struct Node {
  /// `SourceLocation.path`: the input as named, or the file's path inside a walked folder.
  var path: String
  /// `SourceLocation.member`: the member path inside the archive(s), nested ones joined with `!/`.
  var member: String?
  var name: String
  var logicalPath: String
  /// Containers already opened around it.
  var depth: Int

  var location: SourceLocation { SourceLocation(path: path, member: member) }
}

private enum Content {
  /// A regular file: can be reopened, its size is known, a zip can be read in place.
  case file(path: String, size: Int64)
  /// A stream read once; `reopen` gives a fresh stream over the same bytes when the source allows it.
  case stream(any ByteStream, reopen: (() throws -> any ByteStream)?)
}

/// One walk: the options, the caller's callbacks and the diagnostics already reported.
private final class ContainerWalk {
  private let options: ContainerOptions
  private let sink: (Diagnostic) -> Void
  private let body: (InputDocument) throws -> Void
  /// Errors already reported: a failing stream rethrows the same error to every reader above it.
  private var reportedErrors: Set<Diagnostic> = []
  private var maxDepth: Int { min(max(0, options.maxNestingDepth), 64) }

  init(
    options: ContainerOptions, report: @escaping (Diagnostic) -> Void, body: @escaping (InputDocument) throws -> Void
  ) {
    self.options = options
    self.sink = report
    self.body = body
  }

  func report(_ diagnostic: Diagnostic) {
    if diagnostic.severity == .error {
      guard reportedErrors.insert(diagnostic).inserted else { return }
    }
    sink(diagnostic)
  }

  // MARK: - Inputs

  func walk(path: String) throws {
    reportedErrors = []
    if path == "-" {
      try walk(
        stream: FileByteStream(descriptor: STDIN_FILENO, closesDescriptor: false, location: SourceLocation(path: "-")),
        path: "-", name: "-")
      return
    }
    let location = SourceLocation(path: path)
    let info: FileSystem.Info
    switch FileSystem.info(path, followingLinks: true) {
    case .success(let found): info = found
    case .failure(let error) where error.isNotFound || path.isEmpty:
      throw Diagnostic.error(.inputNotFound, "no such file or folder", at: location)
    case .failure(let error):
      throw Diagnostic.error(.inputUnreadable, "cannot read this input", at: location, cause: error.text)
    }
    let node = Node(path: path, member: nil, name: FileSystem.baseName(path), logicalPath: path, depth: 0)
    switch info.kind {
    case .directory:
      try walkFolder(path)
    case .regular:
      _ = try FileByteStream(path: path, location: location)  // throws when it cannot be opened at all
      try handle(node, .file(path: path, size: info.size), budget: nil)
    case .symbolicLink, .other:
      // A pipe or device named on the command line (`<(gunzip -c …)`): read it once, like standard input.
      let stream = try FileByteStream(path: path, location: location)
      try handle(node, .stream(stream, reopen: nil), budget: nil)
    }
  }

  func walk(stream: any ByteStream, path: String, name: String) throws {
    reportedErrors = []
    let node = Node(path: path, member: nil, name: name, logicalPath: path, depth: 0)
    try handle(node, .stream(stream, reopen: nil), budget: nil)
  }

  // MARK: - Folders

  private func walkFolder(_ root: String) throws {
    var files = 0
    let rootLocation = SourceLocation(path: root)
    switch FileSystem.list(root) {
    case .failure(let error):
      throw Diagnostic.error(.inputUnreadable, "cannot list this folder", at: rootLocation, cause: error.text)
    case .success(let names):
      try walkFolder(root, names: names, logicalPrefix: FileSystem.folderName(root), files: &files)
    }
    if files == 0 {
      report(.warning(.inputEmpty, "the folder holds no files", at: rootLocation))
    }
  }

  private func walkFolder(_ folder: String, names: [String], logicalPrefix: String, files: inout Int) throws {
    let visible = names.filter { !$0.hasPrefix(".") && $0 != "__MACOSX" }
    for name in visible.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      let path = FileSystem.join(folder, name)
      let logicalPath = logicalPrefix.isEmpty ? name : logicalPrefix + "/" + name
      let location = SourceLocation(path: path)
      switch FileSystem.info(path, followingLinks: false) {
      case .failure(let error):
        report(.error(.inputUnreadable, "cannot read this file", at: location, cause: error.text))
      case .success(let info):
        switch info.kind {
        case .directory:
          switch FileSystem.list(path) {
          case .failure(let error):
            report(.error(.inputUnreadable, "cannot list this folder", at: location, cause: error.text))
          case .success(let children):
            try walkFolder(path, names: children, logicalPrefix: logicalPath, files: &files)
          }
        case .regular:
          files += 1
          let node = Node(path: path, member: nil, name: name, logicalPath: logicalPath, depth: 0)
          try handle(node, .file(path: path, size: info.size), budget: nil)
        case .symbolicLink:
          report(
            .note(.archiveSkippedEntry, "skipped a symbolic link (links inside folders are not followed)", at: location)
          )
        case .other:
          report(.note(.archiveSkippedEntry, "skipped a special file (not a regular file or folder)", at: location))
        }
      }
    }
  }

  // MARK: - Any file or member

  /// Reads one file or member: opens it when its magic bytes say it is a container, else hands it over.
  ///
  /// Reports every ``Diagnostic`` itself; throws only ``BodyFailure``, and ``ArchiveAbort`` when the budget
  /// belongs to an enclosing archive.
  private func handle(_ node: Node, _ content: Content, budget: DecompressionBudget?) throws {
    var ownedBudget: DecompressionBudget?
    do {
      var content = content
      let prefix: [UInt8]
      switch content {
      case .file(let path, _):
        prefix = try FileByteStream(path: path, location: node.location).readPrefix(Sniff.prefixLength)
      case .stream(let stream, let reopen):
        let peekable = PeekableStream(stream)
        prefix = try peekable.peek(Sniff.prefixLength)
        content = .stream(peekable, reopen: reopen)
      }
      guard let kind = Sniff.container(in: prefix, name: node.name) else {
        try emitDocument(node, content)
        return
      }
      guard node.depth <= maxDepth else {
        report(
          .warning(
            .archiveTooDeep,
            "\(ContainerMessage.quoted(node.name)) is nested more than \(maxDepth) archives deep; "
              + "read as a plain file", at: node.location))
        try emitDocument(node, content)
        return
      }
      let budget =
        budget
        ?? {
          let created = DecompressionBudget(limit: options.maxTotalBytes, location: node.location)
          ownedBudget = created
          return created
        }()
      switch kind {
      case .gzip: try openGzip(node, content, budget: budget)
      case .zip: try openZip(node, content, budget: budget)
      case .tar: try walkTar(node, stream(of: content, at: node.location), budget: budget)
      }
    } catch let abort as ArchiveAbort where ownedBudget != nil {
      report(abort.diagnostic)
    } catch let diagnostic as Diagnostic {
      report(diagnostic)
    }
  }

  private func stream(of content: Content, at location: SourceLocation) throws -> any ByteStream {
    switch content {
    case .file(let path, _): try FileByteStream(path: path, location: location)
    case .stream(let stream, _): stream
    }
  }

  private func reopener(of content: Content, at location: SourceLocation) -> (() throws -> any ByteStream)? {
    switch content {
    case .file(let path, _): { try FileByteStream(path: path, location: location) }
    case .stream(_, let reopen): reopen
    }
  }

  // MARK: - gzip

  private func openGzip(_ node: Node, _ content: Content, budget: DecompressionBudget) throws {
    let location = node.location
    let inflated = try InflateStream(.gzip, upstream: stream(of: content, at: location), location: location)
    let output = PeekableStream(MeteredStream(inflated, budget: budget))
    let innerPrefix = try output.peek(Sniff.prefixLength)
    if Sniff.container(in: innerPrefix, name: Sniff.nameInsideGzip(node.name)) == .tar {
      try walkTar(node, output, budget: budget)  // a .tar.gz is one archive: its members sit one level down
      return
    }
    let reopen = reopener(of: content, at: location).map { reopenOuter in
      { () throws -> any ByteStream in try InflateStream(.gzip, upstream: reopenOuter(), location: location) }
    }
    let inner = Node(
      path: node.path, member: node.member, name: Sniff.nameInsideGzip(node.name),
      logicalPath: Sniff.nameInsideGzip(node.logicalPath), depth: node.depth + 1)
    try handle(inner, .stream(output, reopen: reopen), budget: budget)
  }

  // MARK: - zip

  private func openZip(_ node: Node, _ content: Content, budget: DecompressionBudget) throws {
    let source: any RandomAccessSource
    switch content {
    case .file(let path, _):
      source = try FileRandomAccess(path: path, location: node.location)
    case .stream(let stream, _):
      let limit = options.maxDocumentBytes
      let bytes = try stream.readRemaining(
        limit: limit,
        tooLarge: .error(
          .inputTooLarge,
          "this zip archive is read from a stream and is larger than the limit of \(limit) bytes for one document; "
            + "skipped", at: node.location))
      source = MemoryRandomAccess(bytes)
    }
    let archive = try ZipArchive(source: source, location: node.location)
    var files = 0
    for entry in archive.entries {
      if entry.kind == .directory || MemberPath.isHidden(entry.name) { continue }
      let member = MemberPath.nested(node.member, entry.name)
      let location = SourceLocation(path: node.path, member: member)
      let name = ContainerMessage.quoted(entry.name)
      switch entry.kind {
      case .file, .directory: break
      case .symbolicLink:
        report(.warning(.archiveSkippedEntry, "skipped symbolic link \(name) (links are not followed)", at: location))
        continue
      case .special:
        report(.warning(.archiveSkippedEntry, "skipped \(name): not a regular file", at: location))
        continue
      }
      files += 1
      if MemberPath.isUnsafe(entry.name) { reportUnsafe(entry.name, at: location) }
      if entry.isEncrypted {
        report(.warning(.archiveSkippedEntry, "skipped \(name): it is encrypted", at: location))
        continue
      }
      guard entry.method == 0 || entry.method == 8 else {
        report(
          .warning(
            .archiveSkippedEntry,
            "skipped \(name): it uses compression method \(entry.method); only stored and deflate are supported",
            at: location))
        continue
      }
      if entry.uncompressedSize > UInt64(max(0, options.maxDocumentBytes)) {
        report(
          .error(.inputTooLarge, ContainerMessage.tooLarge(entry.name, limit: options.maxDocumentBytes), at: location))
        continue
      }
      let logicalPath = MemberPath.logical(entry.name)
      let child = Node(
        path: node.path, member: member, name: MemberPath.baseName(logicalPath), logicalPath: logicalPath,
        depth: node.depth + 1)
      let open = { try archive.open(entry, location: location) }
      do {
        try handle(child, .stream(MeteredStream(try open(), budget: budget), reopen: open), budget: budget)
      } catch let diagnostic as Diagnostic {
        report(diagnostic)
      }
    }
    if let damage = archive.damage {
      report(damage)
    } else if files == 0 {
      report(.warning(.inputEmpty, "the zip archive holds no files", at: node.location))
    }
  }

  // MARK: - tar

  /// Walks a tar archive; `node` is the archive itself (or the `.tar.gz` around it).
  private func walkTar(_ node: Node, _ stream: any ByteStream, budget: DecompressionBudget) throws {
    let reader = TarReader(stream, location: node.location)
    var entries = 0
    while let entry = try reader.next() {
      entries += 1
      if entry.kind == .directory || MemberPath.isHidden(entry.name) { continue }
      let member = MemberPath.nested(node.member, entry.name)
      let location = SourceLocation(path: node.path, member: member)
      let name = ContainerMessage.quoted(entry.name)
      let skipped: String? =
        switch entry.kind {
        case .regular, .directory: nil
        case .symbolicLink: "skipped symbolic link \(name) (links are not followed)"
        case .hardLink: "skipped hard link \(name) to \(ContainerMessage.quoted(entry.linkName))"
        case .characterDevice: "skipped character device \(name)"
        case .blockDevice: "skipped block device \(name)"
        case .fifo: "skipped named pipe \(name)"
        case .other(let type):
          "skipped \(name): tar entries of type '\(String(decoding: [type], as: UTF8.self))' are not read"
        }
      if let skipped {
        // Exports hold plain files only: a link or device in an archive is unexpected, so it is a warning.
        report(.warning(.archiveSkippedEntry, skipped, at: location))
        continue
      }
      if MemberPath.isUnsafe(entry.name) { reportUnsafe(entry.name, at: location) }
      if entry.size > options.maxDocumentBytes {
        report(
          .error(.inputTooLarge, ContainerMessage.tooLarge(entry.name, limit: options.maxDocumentBytes), at: location))
        continue
      }
      let logicalPath = MemberPath.logical(entry.name)
      let child = Node(
        path: node.path, member: member, name: MemberPath.baseName(logicalPath), logicalPath: logicalPath,
        depth: node.depth + 1)
      try handle(child, .stream(reader.entryStream(), reopen: nil), budget: budget)
    }
    if entries == 0 {
      report(.warning(.inputEmpty, "the tar archive holds no files", at: node.location))
    }
  }

  private func reportUnsafe(_ name: String, at location: SourceLocation) {
    report(
      .warning(
        .archiveUnsafePath,
        "member name \(ContainerMessage.quoted(name)) is absolute or climbs out of the archive with '..'; "
          + "it is read as \(ContainerMessage.quoted(MemberPath.logical(name))) and nothing is written to disk",
        at: location))
  }

  // MARK: - Documents

  /// Hands over a file or member that is not a container (JSON Lines: one document per line).
  private func emitDocument(_ node: Node, _ content: Content) throws {
    let location = node.location
    if Sniff.isJSONLines(node.name) {
      try emitLines(node, stream(of: content, at: location))
      return
    }
    switch content {
    case .file(let path, let size):
      try deliver(
        InputDocument(
          location: location, name: node.name, logicalPath: node.logicalPath, declaredSize: size,
          open: { try FileByteStream(path: path, location: location) }))
    case .stream(let stream, let reopen):
      let limit = options.maxDocumentBytes
      let keepLimit = reopen == nil ? limit : min(limit, options.inMemoryDocumentBytes)
      var bytes: [UInt8] = []
      var keeping = true
      var total: Int64 = 0
      while true {
        let chunk = try stream.read(maxCount: 1 << 18)
        if chunk.isEmpty { break }
        total += Int64(chunk.count)
        if total > limit {
          report(.error(.inputTooLarge, ContainerMessage.tooLarge(node.name, limit: limit), at: location))
          return
        }
        if keeping {
          if total <= keepLimit {
            bytes += chunk
          } else {
            keeping = false
            bytes = []
          }
        }
      }
      if keeping {
        try deliver(InputDocument(location: location, name: node.name, logicalPath: node.logicalPath, bytes: bytes))
      } else if let reopen {
        // Read through once (checksums verified); decompressed again each time a reader opens it.
        let tooLarge = Diagnostic.error(
          .inputTooLarge, ContainerMessage.tooLarge(node.name, limit: limit), at: location)
        try deliver(
          InputDocument(
            location: location, name: node.name, logicalPath: node.logicalPath, declaredSize: total,
            open: { LimitedStream(try reopen(), limit: limit, failure: tooLarge) }))
      }
    }
  }

  private func emitLines(_ node: Node, _ stream: any ByteStream) throws {
    var count = 0
    var skipped = 0
    try JSONLines.split(
      stream, maxLineBytes: options.maxDocumentBytes,
      line: { number, bytes in
        count += 1
        try deliver(
          InputDocument(
            location: SourceLocation(path: node.path, member: node.member, line: number), name: node.name,
            logicalPath: node.logicalPath, bytes: bytes))
      },
      tooLong: { number in
        skipped += 1
        report(
          .error(
            .inputTooLarge, "line \(number) is longer than the limit of \(options.maxDocumentBytes) bytes; skipped",
            at: SourceLocation(path: node.path, member: node.member, line: number)))
      })
    if count == 0 && skipped == 0 {
      report(.warning(.inputEmpty, "the JSON Lines file holds no lines", at: node.location))
    }
  }

  private func deliver(_ document: InputDocument) throws {
    do {
      try body(document)
    } catch {
      throw BodyFailure(underlying: error)
    }
  }
}
