import Dispatch
import Engine
import Platform

/// Ctrl-C and SIGTERM: the first asks the run to start nothing new and gives running operations
/// a short grace to finish (everything is recorded, the next run resumes). A libvirt call blocked
/// on a host that does not answer must not keep bluevirt alive: when the grace runs out, or at
/// a second signal, the run is recorded as stopped (with the operations still running) and the
/// process exits at once. The state stays consistent, as each recording is one committed
/// transaction and the next run checks the operations that were running.
final class InterruptSignals {
    /// How long running operations get after the first signal.
    static let grace: DispatchTimeInterval = .seconds(3)
    private let sources: [any DispatchSourceSignal]

    init(stop: StopRequest, printer: ProgressPrinter) {
        let abandon: @Sendable () -> Never = {
            stop.abandon()
            Glibc.exit(130)
        }
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isRequested { abandon() }
                stop.request()
                printer.print(ProgressEvent(kind: .note, message: "stopping: nothing new starts; running operations get 3 s to finish, then bluevirt records them and exits (Ctrl-C again exits at once)"))
                DispatchQueue.global().asyncAfter(deadline: .now() + Self.grace) { abandon() }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
