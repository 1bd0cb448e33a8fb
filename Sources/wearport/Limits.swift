import ArgumentParser
import Foundation
import Wearport
import WearportCore

/// A size on the command line: bytes, or a number with a binary suffix (`512K`, `64M`, `4G`, `1T`; `KiB`, `MB`
/// and lower case are read the same way, always as powers of 1024).
struct ByteSize: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
  var bytes: Int64

  init(bytes: Int64) { self.bytes = bytes }

  init?(argument: String) {
    var text = Substring(argument.trimmingCharacters(in: .whitespaces)).lowercased()[...]
    for unit in ["ib", "b"] where text.hasSuffix(unit) && text.count > unit.count {
      text = text.dropLast(unit.count)
      break
    }
    var shift: Int64 = 0
    if let last = text.last, let power = ["k": 10, "m": 20, "g": 30, "t": 40][String(last)] {
      shift = Int64(power)
      text = text.dropLast()
    }
    guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let value = Int64(text), value > 0 else { return nil }
    guard value <= Int64.max >> shift else { return nil }
    bytes = value << shift
  }

  var description: String {
    for (suffix, shift) in [("T", 40), ("G", 30), ("M", 20), ("K", 10)] as [(String, Int64)]
    where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift)\(suffix)"
    }
    return "\(bytes)"
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// The limits that guard against hostile inputs (`--max-expanded-size`), shared by every reading command.
struct LimitOptions: ParsableArguments {
  /// The default of `--max-expanded-size`: the total an archive may expand to.
  static let defaultMaxExpandedSize = ByteSize(bytes: InputLimits.defaultMaxExpandedBytes)

  @Option(
    name: .customLong("max-expanded-size"),
    help: ArgumentHelp(
      "The most bytes one archive (.zip, .tar.gz, .gz) may expand to, nested archives included; reading stops "
        + "with an input.too-large error once it is passed (zip and gzip bomb guard). One document inside an "
        + "archive is also limited to this size, at most 1G. Suffixes K, M, G, T (powers of 1024).",
      valueName: "size"))
  var maxExpandedSize: ByteSize = defaultMaxExpandedSize

  var inputLimits: InputLimits { InputLimits(maxExpandedBytes: maxExpandedSize.bytes) }
}
