// swift-tools-version: 6.0
import PackageDescription

let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "rehearse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rehearse", targets: ["rehearse"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // No pkgConfig: Debian's portaudio-2.0.pc adds -pthread, which SwiftPM warns about on every
        // build; the library and its header are in the default paths (scripts/install-deps.sh).
        .systemLibrary(name: "CPortAudio"),
        .systemLibrary(
            name: "CSndFile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]
        ),
        // Pure Swift signal processing (FFT, resampling, sample sources), shared by analysis and playback.
        // It and the analysis are optimised in debug builds too: unoptimised, their SIMD loops run
        // about a hundred times slower, and the tests analyse hours of audio.
        .target(name: "Signal", swiftSettings: optimisedInDebug),
        .target(
            name: "AudioIO",
            dependencies: ["CPortAudio", "CSndFile", "Signal"]
        ),
        .target(name: "Analysis", dependencies: ["Signal"], swiftSettings: optimisedInDebug),
        .target(name: "FileAnalysis", dependencies: ["AudioIO", "Analysis"]),
        .target(
            name: "Sessions",
            dependencies: [
                "Analysis", "AudioIO", "FileAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "Reports", dependencies: ["Analysis", "Sessions"]),
        .executableTarget(
            name: "rehearse",
            dependencies: [
                "AudioIO",
                "Analysis",
                "FileAnalysis",
                "Sessions",
                "Reports",
                "Signal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "rehearse-benchmark",
            dependencies: ["AudioIO", "Analysis", "FileAnalysis", "Sessions"],
            path: "Benchmarks/Speed",
            exclude: ["webrtcvad_peer.py", "compare_builds.py"]
        ),
        // The audio reader and the analysis under hostile input: libFuzzer when built with
        // -sanitize=fuzzer -DFUZZING (scripts/fuzz.sh), a deterministic mutation and replay driver otherwise.
        .executableTarget(
            name: "rehearse-fuzz",
            dependencies: ["FileAnalysis", "RepeatableRandom"],
            path: "Tests/Fuzz",
            exclude: ["Regressions"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .target(name: "RepeatableRandom", path: "Tests/RepeatableRandom"),
        .target(
            name: "TestSupport",
            dependencies: ["AudioIO", "Analysis", "Sessions", "RepeatableRandom"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "AudioIOTests",
            dependencies: ["AudioIO", "TestSupport"]
        ),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "Signal"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Sessions", "Analysis", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "SessionsTests",
            dependencies: [
                "Sessions", "Analysis", "AudioIO", "FileAnalysis", "TestSupport", "RepeatableRandom",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "AudioIO", "Analysis", "FileAnalysis", "RepeatableRandom", "Sessions", "Signal", "TestSupport",
                "rehearse",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
