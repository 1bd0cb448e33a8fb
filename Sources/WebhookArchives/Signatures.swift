import Crypto
import Foundation
import WearportCore

/// Offline verification of webhook signatures over the raw body bytes, compared in constant time.
///
/// - Polar: `Polar-Webhook-Signature` = lowercase hex of HMAC-SHA256(key: UTF-8 `signature_secret_key`, body).
/// - Fitbit: `X-Fitbit-Signature` = standard Base64 of HMAC-SHA1(key: client secret + `&`, body), never URL-decoded.
public enum WebhookSignature {
  /// The header a provider signs with (lowercase).
  public static func headerName(_ provider: Provider) -> String {
    provider == .fitbit ? "x-fitbit-signature" : "polar-webhook-signature"
  }

  /// True when `header` is the Polar signature of `body` under `secret`.
  public static func verifyPolar(body: [UInt8], header: String, secret: WebhookSecret) -> Bool {
    let key = SymmetricKey(data: secret.bytes)
    guard let expected = hexBytes(trimmed(header).lowercased()), expected.count == Crypto.SHA256.byteCount else {
      // Still spend the work of one MAC so a malformed header takes as long as a wrong one.
      _ = HMAC<Crypto.SHA256>.authenticationCode(for: body, using: key)
      return false
    }
    return HMAC<Crypto.SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: key)
  }

  /// True when `header` is the Fitbit signature of `body` under the client secret (`secret&` is the key).
  public static func verifyFitbit(body: [UInt8], header: String, clientSecret: WebhookSecret) -> Bool {
    let key = SymmetricKey(data: clientSecret.bytes + [UInt8(ascii: "&")])
    guard let expected = base64Bytes(trimmed(header)), expected.count == Insecure.SHA1.byteCount else {
      _ = HMAC<Insecure.SHA1>.authenticationCode(for: body, using: key)
      return false
    }
    return HMAC<Insecure.SHA1>.isValidAuthenticationCode(expected, authenticating: body, using: key)
  }

  /// The Polar signature of a body: lowercase hex HMAC-SHA256 (for tests and capture tools).
  public static func polarSignature(body: [UInt8], secret: WebhookSecret) -> String {
    let mac = HMAC<Crypto.SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret.bytes))
    return Hex.lowercase(mac)
  }

  /// The Fitbit signature of a body: Base64 HMAC-SHA1 with `clientSecret&` (for tests and capture tools).
  public static func fitbitSignature(body: [UInt8], clientSecret: WebhookSecret) -> String {
    let key = SymmetricKey(data: clientSecret.bytes + [UInt8(ascii: "&")])
    return Base64.encode(Array(HMAC<Insecure.SHA1>.authenticationCode(for: body, using: key)))
  }

  /// The status of one delivery: `unsigned` without the header, `no_secret` without the secret, else `valid` or
  /// `invalid`. A Polar PING that does not verify is `unverifiable` (it is sent before the client has the secret).
  static func status(
    provider: Provider, body: [UInt8], header: String?, options: ReadOptions, isPing: Bool
  ) -> SignatureStatus {
    let result: SignatureStatus
    if let header, !trimmed(header).isEmpty {
      if provider == .fitbit {
        if let secret = options.fitbitClientSecret {
          result = verifyFitbit(body: body, header: header, clientSecret: secret) ? .valid : .invalid
        } else {
          result = .noSecret
        }
      } else if let secret = options.polarWebhookSecret {
        result = verifyPolar(body: body, header: header, secret: secret) ? .valid : .invalid
      } else {
        result = .noSecret
      }
    } else {
      result = .unsigned
    }
    if isPing && result != .valid { return .unverifiable }
    return result
  }

  private static func trimmed(_ text: String) -> Substring {
    var slice = Substring(text)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return slice
  }

  private static func hexBytes(_ text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    default: nil
    }
  }

  private static func base64Bytes(_ text: Substring) -> [UInt8]? { Base64.decode(Array(text.utf8)) }
}

/// Standard Base64 (RFC 4648 §4, `+` `/` and `=` padding), strict: no URL-safe alphabet, no white space.
/// Foundation's codec; this only adapts it to byte arrays.
enum Base64 {
  static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

  /// The bytes of a padded Base64 text; nil when it is not one.
  static func decode(_ text: [UInt8]) -> [UInt8]? {
    Data(base64Encoded: Data(text)).map { [UInt8]($0) }
  }
}
