// swift-tools-version:6.0
// libFuzzer targets over newsd's parsers. Not part of the root package's build or
// tests: build and run with `Tests/Fuzz/run.sh` (see README, "Fuzzing").
import PackageDescription

let package = Package(
    name: "newsd-fuzz",
    dependencies: [
        .package(name: "newsd", path: "../.."),
    ],
    targets: [
        // libFuzzer's driver entry point, and the Swift wrapper every target starts with.
        .target(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer"]),

        .executableTarget(name: "FuzzText", dependencies: ["FuzzSupport", .product(name: "NewsCore", package: "newsd")]),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzSupport", .product(name: "NewsCore", package: "newsd")]),
        .executableTarget(name: "FuzzDate", dependencies: ["FuzzSupport", .product(name: "NewsCore", package: "newsd")]),
        .executableTarget(name: "FuzzConfig", dependencies: ["FuzzSupport", .product(name: "NewsDaemon", package: "newsd")]),
        .executableTarget(name: "FuzzControl", dependencies: ["FuzzSupport", .product(name: "NewsControl", package: "newsd")]),
        .executableTarget(name: "FuzzStoreLine", dependencies: [
            "FuzzSupport",
            .product(name: "NewsStore", package: "newsd"),
            .product(name: "NewsCore", package: "newsd"),
        ]),
    ]
)
