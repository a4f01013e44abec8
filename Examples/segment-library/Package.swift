// swift-tools-version: 6.0
import PackageDescription

// An application that uses reme's `ReME` library product. Built and run by scripts/test.sh:
//   swift build --package-path Examples/segment-library --scratch-path .build/examples/segment-library
let package = Package(
    name: "segment-library",
    dependencies: [
        // `name:` fixes the package's identity: a path dependency is otherwise named after the
        // folder it is checked out in, which is not always "reme".
        .package(name: "reme", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "segment-library",
            dependencies: [
                .product(name: "ReME", package: "reme"),
            ]),
    ]
)
