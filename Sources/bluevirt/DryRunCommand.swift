import ArgumentParser
import Blueprint
import Engine
import Platform
import LibvirtBackend
import YAMLSource

/// The operation graph formats `--graph` prints.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid
}

struct DryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Show the plan and the exact libvirt XML of every object, touching nothing.",
        discussion: """
            Checks the blueprint as validate does, expands node templates into instances \
            (web-1, web-2, …), and prints the install and uninstall plans level by level (the \
            steps of one level may run together), then every libvirt network, pool, volume and \
            domain with the XML apply would send.

            Objects are named DEPLOYMENT-INSTANCE (e.g. two-vms-one-network-web-1) unless their \
            params give 'name' or 'resource_id'; the deployment name is the blueprint's file name \
            without extension, or -d. Values known only at run time, such as an address from \
            get_attribute, appear as a placeholder that says where they come from: \
            ${get_attribute: [web, ip]}. get_attribute of another object's resource_id is \
            substituted, because the plan knows the name.

            Examples:
              bluevirt dry-run blueprints/two-vms-one-network.yaml
              bluevirt dry-run blueprints/scaled-cluster.yaml --input workers=5 -d lab
              bluevirt dry-run app.yaml --output-dir out/      # out/network-app-lan-1.xml, out/domain-app-web-1.xml, …
              bluevirt dry-run app.yaml --validate             # also let libvirt check every document
              bluevirt dry-run app.yaml --graph dot | dot -Tsvg > install.svg
              bluevirt dry-run app.yaml --json | jq '.objects[] | .name'

            A secret that get_secret reads (--secret, --secrets, bluevirt secret set) is never \
            printed: the XML, the plan, --output-dir files and --json show ${get_secret: NAME} \
            where its value goes; only apply sends the value to libvirt.

            Exit status: 0 success (warnings allowed), 1 the blueprint or a document has errors, \
            2 usage error or unreadable input.
            """
    )

    @Argument(help: ArgumentHelp("The blueprint file (YAML).", valueName: "blueprint"), completion: .blueprintFile)
    var blueprintPath: String

    @Option(name: [.customShort("d"), .customLong("deployment")],
            help: ArgumentHelp("The deployment name every object name starts with (default: the blueprint's file name without extension).", valueName: "name"))
    var deployment: String?

    func validate() throws {
        try DeploymentNameOption.check(deployment, orNameOf: blueprintPath)
    }

    @OptionGroup var inputs: InputOptions
    @OptionGroup var state: StateOptions<GetSecretValues>

    @Option(help: ConnectOptionHelp.help("Shown as apply would use it."))
    var connect: String?

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Write one XML file per object into this directory, named <kind>-<object name>.xml (network-demo-lan-1.xml, domain-demo-web-1.xml for deployment demo), instead of printing the XML.", valueName: "dir"), completion: .directory)
    var outputDirectory: String?

    @OptionGroup var output: DiagnosticOutputOptions

    @Option(help: ArgumentHelp("Print only the install operation graph, for Graphviz (dot) or Mermaid (mermaid).", valueName: "dot|mermaid"))
    var graph: GraphFormat?

    @Flag(name: .customLong("validate"), help: "Also define every document into libvirt's in-process test driver with its VALIDATE flag (libvirt's own RelaxNG check); a rejected document is an error on its node template.")
    var checkWithLibvirt = false

    func run() async throws {
        var (loaded, diagnostics, secrets) = inputs.given.loadBlueprint(at: blueprintPath, stateDir: state.stateDir)
        let name = deployment ?? DeploymentName.default(forBlueprint: blueprintPath)
        let mask = secrets.mask.keepingNames(of: loaded.blueprint, path: blueprintPath, deployment: name)
        var reporter = DiagnosticReporter(json: output.json, sourceText: inputs.given.sourceText(of: loaded), valueFiles: inputs.given.valueFiles, mask: mask)
        reporter.verdictOnStandardError = graph != nil
        guard let blueprint = loaded.blueprint, !diagnostics.hasErrors else {
            finish(diagnostics.sortedBySource, document: DryRunJSON(deployment: name, diagnostics: diagnostics.sortedBySource), reporter: reporter)
        }
        let run = DryRun(blueprint: blueprint, deployment: name,
                         connect: connect ?? ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"])
        diagnostics += run.diagnostics
        if checkWithLibvirt {
            diagnostics += try await Self.schemaCheck(run.documents.objects)
        }
        diagnostics = diagnostics.sortedBySource

        // Files only from a run without errors, so a directory never holds half a deployment.
        var written = ""
        if let outputDirectory, !diagnostics.hasErrors {
            written = try Self.write(run.documents.objects, to: outputDirectory, mask: mask)
        }
        // With --json, finish prints everything as one document.
        if let graph, !output.json, let plan = run.plan {
            StandardStream.output.write(mask(graph == .dot ? plan.install.dot() : plan.install.mermaid()))
        } else if graph == nil, !output.json {
            let text = DryRunText.plan(run) + (outputDirectory == nil ? DryRunText.objects(run) : written)
            StandardStream.output.write(mask(text))
        }
        finish(diagnostics, document: DryRunJSON(run, diagnostics: diagnostics), reporter: reporter)
    }

    /// Reports and exits; with --json `document` is the whole output, in one shape whether or
    /// not the blueprint got as far as a plan.
    private func finish(_ diagnostics: [Diagnostic], document: @autoclosure () -> DryRunJSON, reporter: DiagnosticReporter) -> Never {
        if output.json {
            print(reporter.mask(document().encoded()))
        } else {
            reporter.report(diagnostics, subject: blueprintPath)
        }
        Glibc.exit(reporter.exitStatus(for: diagnostics).rawValue)
    }

    /// Writes every document into `directory` (created if needed) and lists the files. The files
    /// are for reading, like the printed XML: secret values in them are masked.
    private static func write(_ objects: [LibvirtObject], to directory: String, mask: SecretMask) throws -> String {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the output directory '\(directory)': \(SystemErrorText.of(error))")
        }
        var text = "\n"
        var used = Set<String>()
        var files: [(url: URL, xml: String)] = []
        for object in objects {
            guard let xml = object.xml else {
                text += "\(DryRunText.heading(object)): \(DryRunText.reasonWithoutDocument(object))\n"
                continue
            }
            // Objects on different connections may share a name; their files may not.
            var name = object.fileName
            if !used.insert(name).inserted {
                name = "\(object.kind.rawValue)-\(object.name)-\(object.instance).xml"
                used.insert(name)
            }
            files.append((folder.appendingPathComponent(name), mask(xml)))
        }
        for file in files {
            if let problem = Self.writeWithoutSync(file.xml, to: file.url.path) {
                throw ValidationError("cannot write '\(file.url.path)': \(problem)")
            }
        }
        let written = files.count
        return text + "Wrote \(written) document\(written == 1 ? "" : "s") to \(directory)\n"
    }

    /// Writes `text` to a file, replacing it, and returns nil or the system's reason. Unlike
    /// Foundation's `Data.write`, no fsync per file: a dry run's output needs no durability,
    /// and a thousand syncs took seconds on a busy disk (docs/performance.md).
    private static func writeWithoutSync(_ text: String, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var text = text
        let failure = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
        return failure == 0 ? nil : SystemErrorText.describe(failure)
    }

    /// Lets libvirt check every document; a rejection is an error on the object's node template.
    private static func schemaCheck(_ objects: [LibvirtObject]) async throws -> [Diagnostic] {
        let checker: XMLSchemaCheck
        do {
            checker = try await XMLSchemaCheck.open()
        } catch {
            StandardStream.error.write("error: --validate could not open libvirt's test driver: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        return try await withThrowingTaskGroup(of: (Int, Diagnostic?).self) { group in
            for (index, object) in objects.enumerated() {
                guard let xml = object.xml, let kind = LibvirtDocumentKind(rawValue: object.kind.rawValue) else { continue }
                group.addTask {
                    guard let rejection = try await checker.check(xml, kind: kind) else { return (index, nil) }
                    let reasons = rejection.reasons
                    return (index, .error(
                        .documentRejected,
                        "libvirt rejects the \(object.kind.rawValue) document of instance '\(object.instance)' ('\(object.name)'): \(reasons.first ?? rejection.error.message)",
                        at: object.origin,
                        notes: reasons.dropFirst().map { DiagnosticNote($0) }
                            + [DiagnosticNote("see the document with 'bluevirt dry-run' (or --output-dir); a user template must produce what libvirt's schema allows")]))
                }
            }
            var found: [(Int, Diagnostic)] = []
            for try await (index, diagnostic) in group {
                if let diagnostic { found.append((index, diagnostic)) }
            }
            return found.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
