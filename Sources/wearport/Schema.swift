import ArgumentParser
import Foundation
import Wearport
import WearportCore

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print or write the schemas of wearport's outputs.",
    discussion: """
      Without --write, lists every table and column with its type and unit. With --write DIR, writes \
      DIR/wearport.sql (SQLite DDL), DIR/tables.json (a Frictionless Data package describing the CSV files) and \
      DIR/jsonl/<kind>.schema.json (JSON Schema 2020-12 for each JSONL kind).
      """)

  @Option(help: ArgumentHelp("Write the schema files into this folder.", valueName: "dir"))
  var write: String?

  func run() throws {
    guard let write else {
      print(SchemaGenerator.listing(), terminator: "")
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: write + "/jsonl", withIntermediateDirectories: true)
      for (name, content) in SchemaGenerator.files() {
        let file = try AtomicFile(path: write + "/" + name)
        try file.write(content)
        try file.commit()
      }
    } catch {
      Stderr.write("wearport: cannot write the schemas to \(write): \(error)\n")
      throw ExitCode(WearportCore.ExitCode.cannotCreateOutput)
    }
  }
}
