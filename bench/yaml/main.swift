// Times YAMLLoader.load on one file against nothing else (the libyaml floor is libyaml-floor.c).
// Usage: yaml-load-time FILE [REPETITIONS]   prints the best time of one load in ms.
import Foundation
import YAMLSource

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: yaml-load-time FILE [REPETITIONS]\n".utf8))
    exit(2)
}
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50
let bytes: [UInt8]
switch SourceFile.read(arguments[1], maxBytes: YAMLLimits.standard.maxDocumentBytes) {
case .success(let read): bytes = read
case .failure(let problem):
    print(problem)
    exit(2)
}

var best = Double.infinity
var nodes = 0
for _ in 0..<repetitions {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = YAMLLoader.load(bytes: bytes, file: arguments[1])
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    best = min(best, elapsed)
    if !result.diagnostics.isEmpty { print(result.diagnostics) }
    nodes = result.documents.first?.pairs?.count ?? 0
}
print(String(format: "YAMLLoader.load: %d bytes, %d top-level keys, best of %d: %.3f ms", bytes.count, nodes, repetitions, best))
