import ArgumentParser
import Engine
import LibvirtBackend
import StateStore

/// `--state-dir`, shared by the commands that read or change the state.
struct StateOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"),
            help: ArgumentHelp("Where deployments are recorded (default: $BLUEVIRT_STATE_DIR, else $XDG_STATE_HOME/bluevirt, else ~/.local/state/bluevirt).", valueName: "dir"))
    var stateDir: String?

    /// Opens the state and runs `body`; a refused lock, an unusable state or a libvirt failure
    /// outside any operation (opening a connection, saving a simulated world) is printed and exits 1.
    /// Commands that only read pass `.look`: they then work on a read-only state directory too.
    func running<T>(
        printer: ProgressPrinter, access: StateAccess = .change, _ body: (StateStore) async throws -> T
    ) async throws -> T {
        do {
            return try await body(StateStore(stateDirOption: stateDir, access: access))
        } catch let error as StateStoreError {
            printer.fail("\(error)")
        } catch let error as DeploymentProblem {
            printer.fail(error.description)
        } catch let error as LibvirtError {
            printer.fail("libvirt: \(error)")
        }
    }
}
