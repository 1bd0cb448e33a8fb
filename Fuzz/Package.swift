// swift-tools-version:6.0
// libFuzzer targets for wearport, kept out of the main package: they are built only with
// `-sanitize=fuzzer,address` (see scripts/fuzz), which the main build and tests must never need.
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "wearport-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "wearport", path: "..")],
  targets: [
    // libFuzzer's driver entry (LLVMFuzzerRunDriver), declared for Swift.
    .target(name: "CFuzzDriver"),
    // What the targets share: the driver start, the discarding sink, the name selector, bounded reading.
    .target(
      name: "FuzzSupport", dependencies: ["CFuzzDriver", .product(name: "WearportCore", package: "wearport")],
      swiftSettings: swiftSettings),
    // JSONParser (default and strict), then every registered reader through the pipeline.
    .executableTarget(
      name: "FuzzJSON",
      dependencies: [
        "FuzzSupport", .product(name: "Wearport", package: "wearport"),
        .product(name: "WearportCore", package: "wearport"),
      ],
      swiftSettings: swiftSettings),
    // The zip, tar and gzip readers (and JSON Lines splitting) over in-memory bytes.
    .executableTarget(
      name: "FuzzContainers",
      dependencies: [
        "FuzzSupport", .product(name: "WearportContainers", package: "wearport"),
        .product(name: "WearportCore", package: "wearport"),
      ],
      swiftSettings: swiftSettings),
    // The GPX and TCX readers (libxml2's streaming reader behind our XMLStreamReader).
    .executableTarget(
      name: "FuzzXML",
      dependencies: [
        "FuzzSupport", .product(name: "TrainingXML", package: "wearport"),
        .product(name: "WearportCore", package: "wearport"),
      ],
      swiftSettings: swiftSettings),
  ]
)
