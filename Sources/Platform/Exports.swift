// bluevirt's modules import Platform instead of Foundation: FoundationEssentials (Data, URL,
// FileManager, JSONEncoder, ...) and the C library, re-exported, plus the few things corelibs
// Foundation gave that are written here. Linking corelibs Foundation pulls ICU in with it: about
// 45 MB of the binary and a millisecond and 185 page faults of every start (docs/performance.md).
#if canImport(FoundationEssentials)
@_exported import FoundationEssentials
#else
@_exported import Foundation
#endif
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif
