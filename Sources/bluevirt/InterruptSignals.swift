import Engine
import Foundation

/// Ctrl-C and SIGTERM: the first asks the run to start nothing new and let running operations
/// finish (everything is recorded, the next run resumes); a second exits at once, which leaves
/// the state consistent too, as each recording is one committed transaction.
final class InterruptSignals {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopRequest, printer: ProgressPrinter) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isRequested { Foundation.exit(130) }
                stop.request()
                printer.print(ProgressEvent(kind: .note, message: "stopping: running operations finish and nothing new starts (Ctrl-C again aborts at once)"))
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
