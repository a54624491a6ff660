// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "newsd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "newsd", targets: ["newsd"]),
        .executable(name: "newsctl", targets: ["newsctl"]),
        // Libraries for the fuzzing package in Tests/Fuzz (its own Package.swift).
        .library(name: "NewsCore", targets: ["NewsCore"]),
        .library(name: "NewsStore", targets: ["NewsStore"]),
        .library(name: "NewsControl", targets: ["NewsControl"]),
        .library(name: "NewsDaemon", targets: ["NewsDaemon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        // System-library shims.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Declarations Glibc hides from Swift (eventfd, accept4, struct ucred).
        .target(name: "CLinux"),

        // Pure article understanding: bytes in, values out. No files, clocks or loggers.
        .target(
            name: "NewsCore",
            dependencies: ["CLibXML2"]
        ),
        // The append-only JSONL store and its indexes.
        .target(
            name: "NewsStore",
            dependencies: ["NewsCore", "CLinux"]
        ),
        // Control protocol types shared by daemon and CLI.
        .target(name: "NewsControl"),
        // Runtime: inotify, pipeline, disposition, config, logging, lifecycle.
        .target(
            name: "NewsDaemon",
            dependencies: [
                "NewsCore", "NewsStore", "NewsControl", "CSystemd", "CLinux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "newsd",
            dependencies: [
                "NewsDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "newsctl",
            dependencies: [
                "NewsCore", "NewsStore", "NewsControl", "NewsDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks and evaluation drivers (release build): `swift run -c release newsbench --help`.
        .executableTarget(
            name: "newsbench",
            dependencies: [
                "NewsCore", "NewsStore", "NewsDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Python yardstick `newsbench e2e` runs (pipeline.py builds its own venv).
            exclude: ["yardstick"]
        ),

        .testTarget(name: "NewsCoreTests", dependencies: ["NewsCore"]),
        .testTarget(name: "NewsStoreTests", dependencies: ["NewsStore"]),
        .testTarget(
            name: "NewsDaemonTests",
            dependencies: ["NewsDaemon", "NewsStore", "newsd", "newsctl"]
        ),
    ]
)
