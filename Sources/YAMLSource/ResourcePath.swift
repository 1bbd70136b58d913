import Platform

/// The one rule for files a blueprint names (scripts, templates, resources), as Cloudify resolves
/// them from the blueprint's own archive: a path relative to the blueprint's folder that stays
/// inside it. An absolute path elsewhere, `..` that climbs above the folder, or a symbolic link that leads
/// out of it is refused, whether the path is written in the blueprint or arrives through an input
/// at run time: otherwise an input could run or read any file of the host (`/etc/shadow` in a
/// domain's XML sent to a remote libvirt).
public enum ResourcePath {
    public enum Problem: Error, Sendable, Hashable {
        case absolute
        case climbsOut
        /// The path exists inside the folder but is (or passes through) a link to `target`.
        case linksOutside(target: String)
    }

    /// The full path of `path` inside `base`, or why it is not inside. A path that does not exist
    /// is resolved all the same (the caller reports it missing).
    public static func resolve(_ path: String, inside base: String) -> Result<String, Problem> {
        var path = path
        if path.hasPrefix("/") {
            // An absolute path inside the folder (as apply records a script for destroy) is fine.
            let folder = URL(fileURLWithPath: base).standardizedFileURL.path
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
            guard standardized.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else { return .failure(.absolute) }
            path = String(standardized.dropFirst(folder.count).drop { $0 == "/" })
        }
        var depth = 0
        for component in path.split(separator: "/") where component != "." {
            depth += component == ".." ? -1 : 1
            if depth < 0 { return .failure(.climbsOut) }
        }
        let joined = URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: joined) else { return .success(joined) }
        let resolved = URL(fileURLWithPath: joined).resolvingSymlinksInPath().path
        let resolvedBase = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedBase.hasSuffix("/") ? resolvedBase : resolvedBase + "/") else {
            return .failure(.linksOutside(target: resolved))
        }
        return .success(joined)
    }

    /// "'x' is outside the blueprint's folder 'B'" with the reason, for messages.
    public static func explain(_ problem: Problem, path: String, base: String) -> String {
        switch problem {
        case .absolute: "'\(path)' is an absolute path outside the blueprint's folder '\(base)'"
        case .climbsOut: "'\(path)' climbs out of the blueprint's folder '\(base)' with '..'"
        case .linksOutside(let target): "'\(path)' is a symbolic link to '\(target)', outside the blueprint's folder '\(base)'"
        }
    }
}
