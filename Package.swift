// swift-tools-version: 6.1
import PackageDescription

// Layers (see docs/architecture.md): each target imports only targets listed above it.
let package = Package(
    name: "reme",
    products: [
        .executable(name: "reme", targets: ["reme"]),
        .library(name: "ReME", targets: ["ReME"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `reme serve` (ReMEServer). No traits: swift-configuration support is not used.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CImage", pkgConfig: "libpng16",
                       providers: [.apt(["libjpeg62-turbo-dev", "libpng-dev"])]),
        // FreeType for the overlay legend's text (fonts: docs/images.md, "Fonts").
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2",
                       providers: [.apt(["libfreetype-dev"])]),
        // AVX2/FMA element kernels, picked at run time (the Swift code targets baseline x86-64).
        .target(name: "CKernels"),
        .target(name: "ReMETensor", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "ReMEImage", dependencies: ["ReMETensor", "CImage", "CFreeType"]),
        .target(name: "ReMEModels", dependencies: ["ReMETensor", "ReMEImage"]),
        .target(name: "ReMEText"),
        .target(name: "ReME", dependencies: ["ReMETensor", "ReMEImage", "ReMEModels", "ReMEText"]),
        // The HTTP API and web page of `reme serve` (docs/serve.md).
        .target(name: "ReMEServer", dependencies: [
            "ReME", "ReMEImage", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "reme", dependencies: [
            "ReME", "ReMEServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Benchmarks (release builds only): `swift run -c release reme-bench --help`.
        .executableTarget(name: "reme-bench", dependencies: [
            "ReME", "ReMEModels", "ReMEImage", "ReMETensor",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Benchmarks/RemeBench"),
        // Test-only helpers (a local HTTP server, seeded RNG); never linked into the program.
        .target(name: "ReMETestSupport", path: "Tests/ReMETestSupport"),
        .testTarget(name: "ReMETensorTests", dependencies: ["ReMETensor", "ReMETestSupport"]),
        .testTarget(name: "ReMEImageTests", dependencies: ["ReMEImage", "ReMETestSupport"]),
        .testTarget(name: "ReMEModelsTests", dependencies: ["ReMEModels", "ReMETestSupport"]),
        .testTarget(name: "ReMETextTests", dependencies: ["ReMEText", "ReMETestSupport"]),
        .testTarget(name: "ReMETests", dependencies: ["ReME", "ReMETestSupport"]),
        .testTarget(name: "remeTests", dependencies: [
            "reme", "ReME", "ReMEServer", "ReMEImage",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
    ]
)
