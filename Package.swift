// swift-tools-version:6.0
// wearport: offline conversion of Polar and Fitbit data into one model, and out to TCX, GPX, CSV, SQLite and JSONL.
//
// Dependency rules (checked with `swift build --explicit-target-dependency-import-check error`):
// - WearportCore depends on Foundation only;
// - readers (PolarFormats, …) and sinks (JSONLExport, …) depend on WearportCore and never on each other;
// - only the `wearport` executable imports ArgumentParser.
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "wearport",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "wearport", targets: ["wearport"]),
    .library(name: "Wearport", targets: ["Wearport"]),
    .library(name: "WearportCore", targets: ["WearportCore"]),
    .library(name: "WearportContainers", targets: ["WearportContainers"]),
    .library(name: "TrainingXML", targets: ["TrainingXML"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
  ],
  targets: [
    // C libraries behind tiny shims.
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CWearportZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

    // The model, units, time, diagnostics, JSON, tables and the pipeline. Foundation only.
    .target(name: "WearportCore", swiftSettings: swiftSettings),

    // Containers: folders, zip, tar, gzip, JSON Lines, stdin. The zip reader is our own: ZIPFoundation 0.9.20's
    // extract loops forever on Linux when a member's deflate stream is cut short (hostile input must never hang).
    .target(name: "WearportContainers", dependencies: ["WearportCore", "CWearportZlib"], swiftSettings: swiftSettings),

    // Input families.
    .target(name: "PolarFormats", dependencies: ["WearportCore"], swiftSettings: swiftSettings),
    .target(name: "FitbitFormats", dependencies: ["WearportCore"], swiftSettings: swiftSettings),
    // Captured webhook deliveries: HMAC signatures (swift-crypto), deduplication, the fetch plan.
    .target(
      name: "WebhookArchives", dependencies: ["WearportCore", .product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: swiftSettings),
    // GPX and TCX, read and written with libxml2 (streaming reader and writer).
    .target(name: "TrainingXML", dependencies: ["WearportCore", "CLibXML2"], swiftSettings: swiftSettings),

    // Output families.
    .target(name: "JSONLExport", dependencies: ["WearportCore"], swiftSettings: swiftSettings),
    .target(name: "CSVExport", dependencies: ["WearportCore"], swiftSettings: swiftSettings),
    .target(name: "SQLiteStore", dependencies: ["WearportCore", "CSQLite"], swiftSettings: swiftSettings),

    // The library users import: every reader and sink registered, and the conversion run.
    .target(
      name: "Wearport",
      dependencies: [
        "WearportCore", "WearportContainers", "PolarFormats", "FitbitFormats", "WebhookArchives", "TrainingXML",
        "JSONLExport", "CSVExport", "SQLiteStore", .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: swiftSettings),

    // The command-line tool: parses arguments, wires readers to sinks, prints.
    .executableTarget(
      name: "wearport",
      dependencies: [
        "Wearport", "WearportCore", "WebhookArchives",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),

    // Shared by the test targets: fixture paths, a collecting sink, conformance helpers.
    .target(
      name: "WearportTestSupport", dependencies: ["WearportCore"], path: "Tests/WearportTestSupport",
      swiftSettings: swiftSettings),

    .testTarget(
      name: "WearportCoreTests", dependencies: ["WearportCore", "WearportTestSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "WearportContainersTests",
      dependencies: [
        "WearportContainers", "WearportCore", "WearportTestSupport", "CWearportZlib",
        // Only to write test archives the way other tools do.
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PolarFormatsTests",
      dependencies: ["PolarFormats", "WearportCore", "WearportTestSupport", "WearportContainers"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "JSONLExportTests", dependencies: ["JSONLExport", "WearportCore", "WearportTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(name: "CLibXML2Tests", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
    .testTarget(
      name: "WebhookArchivesTests",
      dependencies: ["WebhookArchives", "WearportCore", "WearportTestSupport", "WearportContainers"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "FitbitFormatsTests",
      dependencies: ["FitbitFormats", "WearportCore", "WearportTestSupport", "WearportContainers"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "TrainingXMLTests", dependencies: ["TrainingXML", "WearportCore", "WearportTestSupport", "CLibXML2"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "CSVExportTests", dependencies: ["CSVExport", "Wearport", "WearportCore", "WearportTestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SQLiteStoreTests",
      dependencies: ["SQLiteStore", "Wearport", "WearportCore", "WearportTestSupport", "CSQLite"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "WearportCLITests", dependencies: ["Wearport", "WearportCore", "WearportTestSupport"],
      swiftSettings: swiftSettings),
  ]
)
