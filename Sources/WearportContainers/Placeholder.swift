// TEMPORARY: replaced by the real container layer before commit.
import Foundation
import WearportCore

public struct ContainerOptions: Sendable { public init() {} }
public enum InputWalker {
  public static func walk(
    _ path: String, options: ContainerOptions = ContainerOptions(), report: (Diagnostic) -> Void,
    body: (InputDocument) throws -> Void
  ) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Diagnostic.error(.inputNotFound, "no such file", at: SourceLocation(path: path))
    }
    try body(
      InputDocument(
        location: SourceLocation(path: path), name: (path as NSString).lastPathComponent, bytes: [UInt8](data)))
  }
}
