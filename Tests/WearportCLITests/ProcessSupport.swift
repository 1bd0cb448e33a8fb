import Foundation
import WearportCore
import WearportTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `wearport` as a measured child: its exit status or signal, wall time and peak resident memory
/// (from `wait4`), with an optional file-size limit, working folder and a kill after a delay.
struct MeasuredRun {
  var status: Int32
  /// The signal that ended it, when one did.
  var signal: Int32?
  var seconds: Double
  /// Peak resident set size of the child, in bytes (`ru_maxrss`).
  var peakBytes: Int64
  var stdout: String
  var stderr: String
  /// It was still running at the hard time limit and was killed.
  var timedOut: Bool

  var peakMegabytes: Double { Double(peakBytes) / 1_048_576 }
}

extension CLI {
  /// `wearport ARGUMENTS…` through `/bin/sh` (for `ulimit -f` and the working folder), measured with `wait4`.
  ///
  /// - Parameters:
  ///   - directory: the child's working folder (default: the repository root).
  ///   - fileSizeLimitBlocks: `ulimit -f` for the child (blocks of 512 bytes in `sh`); SIGXFSZ is left as the tool
  ///     sets it, so the tool must ignore it itself.
  ///   - killAfter: sends SIGKILL after this many seconds (the kill test).
  ///   - hardLimit: a run still going after this many seconds is killed and reported as timed out.
  static func measured(
    _ arguments: [String], directory: String? = nil, environment: [String: String] = [:],
    fileSizeLimitBlocks: Int? = nil, killAfter: Double? = nil, hardLimit: Double = 60
  ) throws -> MeasuredRun {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw Diagnostic.error("test.setup", "build the executable first: swift build (looked for \(executable))")
    }
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let outPath = scratch + "/stdout"
    let errPath = scratch + "/stderr"
    var script = "cd \"$1\" || exit 127; shift; "
    if let fileSizeLimitBlocks { script += "ulimit -f \(fileSizeLimitBlocks) || exit 127; " }
    script += "exec \"$@\""
    let argv = ["/bin/sh", "-c", script, "sh", directory ?? repositoryRoot, executable] + arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let envStrings = env.map { "\($0.key)=\($0.value)" }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = envStrings.map { strdup($0) } + [nil]
    defer {
      for pointer in cArgs { free(pointer) }
      for pointer in cEnv { free(pointer) }
    }
    var pid: pid_t = 0
    let started = Date()
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArgs, cEnv)
    guard spawned == 0 else {
      throw Diagnostic.error("test.setup", "posix_spawn failed: \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    var killed = false
    var timedOut = false
    while true {
      let waited = wait4(pid, &status, WNOHANG, &usage)
      if waited == pid { break }
      if waited < 0 && errno != EINTR {
        throw Diagnostic.error("test.setup", "wait4 failed: \(String(cString: strerror(errno)))")
      }
      let elapsed = Date().timeIntervalSince(started)
      if let killAfter, !killed, elapsed >= killAfter {
        kill(pid, SIGKILL)
        killed = true
      }
      if !killed, elapsed >= hardLimit {
        kill(pid, SIGKILL)
        killed = true
        timedOut = true
      }
      usleep(2_000)
    }
    let seconds = Date().timeIntervalSince(started)
    // WIFEXITED / WEXITSTATUS / WTERMSIG by hand (the macros are not imported into Swift).
    let termination = status & 0x7f
    return MeasuredRun(
      status: termination == 0 ? (status >> 8) & 0xff : -1, signal: termination == 0 ? nil : termination,
      seconds: seconds, peakBytes: Int64(usage.ru_maxrss) * 1024,
      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", timedOut: timedOut)
  }
}

/// Files and folders below `root` (relative paths, sorted), for "nothing else was written" checks.
func listing(_ root: String) -> [String] {
  guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
  var found: [String] = []
  while let relative = enumerator.nextObject() as? String { found.append(relative) }
  return found.sorted()
}
