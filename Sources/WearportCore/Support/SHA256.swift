/// SHA-256 (FIPS 180-4), streaming: feed bytes with ``update(_:)``, read the digest once with ``finalize()``.
///
/// Used to fingerprint every input document (the `sources` table), so that a database knows which inputs it has
/// already imported. Small and dependency-free so WearportCore keeps depending on Foundation only.
public struct SHA256 {
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  private var state: State = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  public init() { pending.reserveCapacity(64) }

  /// The lowercase hexadecimal digest of `bytes`.
  public static func hex<C: Collection>(of bytes: C) -> String where C.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }

  public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
    if done == nil { Array(bytes).withUnsafeBufferPointer { update(buffer: $0) } }
  }

  private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
    length &+= UInt64(buffer.count)
    var index = 0
    // Fill a partial block first, then take whole blocks straight from the input.
    if !pending.isEmpty {
      let take = min(64 - pending.count, buffer.count)
      pending.append(contentsOf: buffer[0..<take])
      index = take
      if pending.count == 64 {
        let block = pending
        block.withUnsafeBufferPointer { compress($0) }
        pending.removeAll(keepingCapacity: true)
      }
    }
    while buffer.count - index >= 64 {
      compress(UnsafeBufferPointer(rebasing: buffer[index..<index + 64]))
      index += 64
    }
    if index < buffer.count { pending.append(contentsOf: buffer[index...]) }
  }

  /// The 32-byte digest. The hasher must not be used afterwards.
  public mutating func finalize() -> [UInt8] {
    let bitLength = length &* 8
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> shift)) }
    tail.withUnsafeBufferPointer { all in
      for start in stride(from: 0, to: all.count, by: 64) {
        compress(UnsafeBufferPointer(rebasing: all[start..<start + 64]))
      }
    }
    pending = []
    let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    return words.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
  }

  public mutating func finalizeHex() -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in finalize() {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  @inline(__always)
  private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { (value >> count) | (value << (32 - count)) }

  private mutating func compress(_ bytes: UnsafeBufferPointer<UInt8>) {
    SHA256.compress(bytes, into: &state)
  }

  private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  private static func compress(_ bytes: UnsafeBufferPointer<UInt8>, into state: inout State) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for t in 0..<16 {
        w[t] =
          UInt32(bytes[t * 4]) << 24 | UInt32(bytes[t * 4 + 1]) << 16 | UInt32(bytes[t * 4 + 2]) << 8
          | UInt32(bytes[t * 4 + 3])
      }
      for t in 16..<64 {
        let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
        let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
      }
      var (a, b, c, d, e, f, g, h) = state
      k.withUnsafeBufferPointer { k in
        for t in 0..<64 {
          let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
          let choice = (e & f) ^ (~e & g)
          let temp1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
          let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
          let majority = (a & b) ^ (a & c) ^ (b & c)
          let temp2 = s0 &+ majority
          h = g
          g = f
          f = e
          e = d &+ temp1
          d = c
          c = b
          b = a
          a = temp1 &+ temp2
        }
      }
      state = (
        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
      )
    }
  }
}
