/// Decimal numbers read straight from UTF-8 bytes, for the hot paths of large files (Polar sample strings, GPX
/// coordinates and values).
public enum DecimalText {
  /// `[+-]digits[.digits]` with at most 15 significant digits and 22 decimals, else nil (the caller takes
  /// `Double(String)`, which decides what anything else means). The digits as an integer and the power of ten are
  /// exact doubles, so one correctly rounded division gives the same double as a full decimal conversion.
  @inlinable @inline(__always)
  public static func plain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Double? {
    guard start < end else { return nil }
    var index = start
    let negative = bytes[index] == UInt8(ascii: "-")
    if negative || bytes[index] == UInt8(ascii: "+") { index += 1 }
    var mantissa: UInt64 = 0
    var significant = 0
    var decimals = 0
    var seenPoint = false
    var digitsBeforePoint = 0
    while index < end {
      let byte = bytes[index]
      if byte &- UInt8(ascii: "0") < 10 {
        if mantissa != 0 || byte != UInt8(ascii: "0") { significant += 1 }
        mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
        if seenPoint { decimals += 1 } else { digitsBeforePoint += 1 }
        if significant > 15 || decimals > 22 { return nil }
      } else if byte == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
      } else {
        return nil
      }
      index += 1
    }
    // "1." and ".5" are left to the general path.
    guard digitsBeforePoint > 0, !seenPoint || decimals > 0 else { return nil }
    let magnitude = Double(mantissa) / exactPowerOfTen(decimals)
    return negative ? -magnitude : magnitude
  }

  /// 10^0 … 10^22, each an exact double (a switch: a static table would cost a once-check per number); 10^22 for
  /// anything larger.
  @inlinable @inline(__always)
  public static func exactPowerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: 1
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }
}
