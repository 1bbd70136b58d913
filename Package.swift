// swift-tools-version:6.1
import PackageDescription

// scripts/build-release.sh sets BLUEVIRT_RELEASE_BUILD after writing the version and commit into
// Sources/bluevirt/Generated/ReleaseVersion.swift; any other build says "dev" in --version.
let releaseBuild = Context.environment["BLUEVIRT_RELEASE_BUILD"] != nil

let package = Package(
    name: "bluevirt",
    // The code uses Mutex (the Synchronization module), which needs macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bluevirt", targets: ["bluevirt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Only for the rendering tests: swift-mustache rendered every template before bluevirt
        // had its own Mustache (Rendering/CompiledMustache), and is the oracle its output and
        // syntax errors are compared with. In the product it would link corelibs Foundation.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // Only for the state store's tests: GRDB made every state database before the store spoke
        // to SQLite itself, and its migrator and dates are the oracle for compatibility.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // SHA-256 of downloaded images, Ed25519 keys for ssh.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // libvirt's headers (Debian libvirt-dev), and libvirt.so.0 opened on first use rather than
        // linked: commands that never talk to libvirt start without loading its ~55 libraries.
        .target(name: "CLibvirt"),
        // libcurl's headers (Debian libcurl4-gnutls-dev), and libcurl opened on first use for the
        // image downloads, for the same reason.
        .target(name: "CCurl"),
        // SQLite's headers (Debian libsqlite3-dev), and libsqlite3 opened when the state store is
        // first opened, for the same reason: validate and dry-run never load it.
        .target(name: "CSQLite"),

        // Files under grammar/ and templates/ are compiled into the binary by this plugin,
        // so an installed bluevirt needs nothing beside it; YAML files also as parsed trees.
        .executableTarget(name: "embed-resources", dependencies: ["YAMLSource"], path: "Sources/embed-resources"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),

        // FoundationEssentials and the C library re-exported, and what bluevirt used of corelibs
        // Foundation written on them, so that corelibs Foundation and ICU stay out of the binary.
        .target(name: "Platform"),
        // Diagnostic, SourceRange, the printer and JSON form: what every stage reports with.
        .target(name: "Diagnostics", dependencies: ["Platform"]),
        .target(name: "YAMLSource", dependencies: ["Platform", "Diagnostics", "CLibYAML"]),
        .target(
            name: "Blueprint",
            dependencies: ["Platform", "YAMLSource"],
            plugins: ["EmbedResources"]
        ),
        // A Jinja2 interpreter for user templates written for the Cloudify libvirt plugin.
        .target(name: "Jinja", dependencies: ["Platform"]),
        .target(
            name: "Rendering",
            dependencies: [
                "Platform",
                "Diagnostics",
                "YAMLSource",
                "Jinja",
            ],
            plugins: ["EmbedResources"]
        ),
        .target(name: "LibvirtBackend", dependencies: ["Platform", "CLibvirt"]),
        // ISO 9660 images (cloud-init seed disks) built in-process.
        .target(name: "SeedImage", dependencies: ["Platform"]),
        .target(name: "Engine", dependencies: [
            "Platform", "Planner", "Rendering", "Blueprint", "Diagnostics", "YAMLSource", "StateStore", "LibvirtBackend", "SeedImage", "Jinja", "CCurl",
            .product(name: "Crypto", package: "swift-crypto"),
            // RSA keys for the utilities plugin's cloudify.nodes.keys.RSAKey.
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], swiftSettings: [
            // Only what a file imports is visible in it: Foundation's String methods, imported by
            // a module Engine uses, would otherwise be chosen silently and link corelibs Foundation.
            .enableUpcomingFeature("MemberImportVisibility"),
        ]),
        .target(name: "Planner", dependencies: ["Platform", "Blueprint", "Diagnostics", "YAMLSource"]),
        .target(name: "StateStore", dependencies: ["Platform", "CSQLite"]),
        .executableTarget(
            name: "bluevirt",
            dependencies: [
                "Platform",
                "Blueprint",
                "YAMLSource",
                "Engine",
                "Planner",
                "Rendering",
                "LibvirtBackend",
                "StateStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseBuild ? [.define("BLUEVIRT_RELEASE_BUILD")] : [],
            plugins: ["EmbedResources"]
        ),
        .executableTarget(name: "bluevirt-bench", dependencies: ["Blueprint", "YAMLSource"]),

        .testTarget(name: "YAMLSourceTests", dependencies: ["YAMLSource", "TestSupport"], exclude: ["PyYAML"]),
        .testTarget(name: "BlueprintTests", dependencies: ["Blueprint", "YAMLSource"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "Blueprint", "YAMLSource"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["bluevirt", "TestSupport", "StateStore"]),
        // Shared by test targets (libvirt schema checks, running the built binary, a seeded generator); not part of the product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "YAMLSource", "TestSupport", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Planner", "Rendering", "Blueprint", "YAMLSource", "StateStore", "LibvirtBackend", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LibvirtBackendTests", dependencies: ["LibvirtBackend"], exclude: ["Fixtures"]),
        .testTarget(name: "StateStoreTests", dependencies: ["StateStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SeedImageTests", dependencies: ["SeedImage"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "JinjaTests", dependencies: ["Jinja"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
