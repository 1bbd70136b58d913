import Platform
import Jinja
import Diagnostics

/// The outcome of rendering one document: the XML when the parameters were valid, and every
/// diagnostic found (warnings may come with XML; errors never do).
public struct RenderResult: Sendable {
    public var xml: String?
    public var diagnostics: [Diagnostic]
    /// The names a user's Mustache template uses that bluevirt does not give it, for the
    /// caller to warn about (validate and dry-run do; a run does not repeat them).
    public var unknownNames: [UnknownTemplateName]

    public init(xml: String?, diagnostics: [Diagnostic], unknownNames: [UnknownTemplateName] = []) {
        self.xml = xml
        self.diagnostics = diagnostics
        self.unknownNames = unknownNames
    }
}

/// Renders libvirt XML for domains, networks, pools and volumes from the built-in Mustache
/// templates (or a user's template), after applying the Cloudify libvirt plugin's defaults and
/// checking every parameter. Every substituted value is XML-escaped: the five characters
/// `& < > " '` become references, and user templates may not use Mustache's unescaped forms.
/// A user template written in Jinja2 (``TemplateLanguage``) renders with bluevirt's Jinja2
/// interpreter, autoescaping, against the plugin's context (``JinjaContext``).
public struct TemplateRenderer: Sendable {
    /// The folder `template_resource` paths are relative to.
    public var folder: BlueprintFolder

    public init(folder: BlueprintFolder) {
        self.folder = folder
    }

    /// Template files named by their full paths in diagnostics.
    public init(blueprintDirectory: String) {
        self.init(folder: BlueprintFolder(path: blueprintDirectory))
    }

    /// The directory of a pool without `path`: one named after the pool in libvirt's image
    /// directory, the plugin's pool_tasks.py default.
    public static func defaultPoolPath(named name: String) -> String { "/var/lib/libvirt/images/\(name)" }

    /// The names of the built-in templates a user template can inherit from or include.
    public static var builtinTemplateNames: [String] { BuiltinTemplates.sources.keys.sorted() }

    /// The text of a built-in template, for `bluevirt` to show or a user to start from.
    public static func builtinTemplate(named name: String) -> String? { BuiltinTemplates.sources[name] }

    /// Renders with `template_resource` paths taken relative to the current directory.
    public static func render(
        kind: DocumentKind, driver: Driver? = nil, parameters: TemplateParameters, userTemplate: UserTemplate = .none
    ) -> RenderResult {
        TemplateRenderer(blueprintDirectory: FileManager.default.currentDirectoryPath)
            .render(kind: kind, driver: driver, parameters: parameters, userTemplate: userTemplate)
    }

    /// Every name or key `userTemplate` reads, optionally or not; nil for none, for a template
    /// that cannot be read, and when that cannot be told (``UserTemplateCheck/namesRead``).
    public func namesRead(by userTemplate: UserTemplate) -> Set<String>? {
        templateCheck(for: userTemplate, collector: DiagnosticCollector())?.namesRead
    }

    /// `userTemplate` loaded for its checks; nil for none, and after adding to `collector` why
    /// a file cannot be read.
    private func templateCheck(for userTemplate: UserTemplate, collector: DiagnosticCollector) -> UserTemplateCheck? {
        switch userTemplate {
        case .none:
            nil
        case .file(let path, let range):
            UserTemplateCheck.load(path, at: range, folder: folder, collector: collector)
        case .inline(let text, let range):
            UserTemplateCheck(text: text, origin: .inline(range: range))
        }
    }

    /// Renders one document. `driver` matters for domains only: given (from the connection
    /// URI), `domain_type` must be one of its types; nil lets `domain_type` choose it, as in
    /// the plugin, where `domain_type` defaults to qemu. With `producingText` false the
    /// parameters and the user template are checked as for rendering, with the same
    /// diagnostics, but the result has no XML: what `validate` needs. A built-in template is
    /// then not rendered at all, since it renders any checked context to a valid document; a
    /// user's template is, since only its output shows whether it is well-formed XML.
    public func render(
        kind: DocumentKind, driver: Driver? = nil, parameters: TemplateParameters, userTemplate: UserTemplate = .none,
        producingText: Bool = true
    ) -> RenderResult {
        let collector = DiagnosticCollector()
        let domainType: String? = if case .string(let text)? = parameters.values["domain_type"], !text.isEmpty { text } else { nil }
        let chosenDriver = driver ?? domainType.flatMap(Driver.init(domainType:)) ?? .qemu
        ValueChecks.checkXMLCharacters(in: parameters, collector: collector)
        // Loaded first, since what it reads decides which checks apply; problems loading it are
        // reported after the parameters', as the user reads a document from the top.
        let templateProblems = DiagnosticCollector()
        let check = templateCheck(for: userTemplate, collector: templateProblems)
        let reader = ParameterReader(parameters, collector: collector, templateReads: check?.readKeys)
        let isBuiltin = userTemplate == .none
        // Something renders the context: the text asked for, or a user template's reads checked.
        let recorded = producingText || !isBuiltin
        let context: [String: Any] =
            switch kind {
            case .domain:
                DomainContext.build(reader, driver: chosenDriver, driverIsFixed: driver != nil, warnUnknown: isBuiltin, recorded: recorded)
            case .network: NetworkContext.build(reader, warnUnknown: isBuiltin, recorded: recorded)
            case .pool: StorageContext.pool(reader, warnUnknown: isBuiltin)
            case .volume: StorageContext.volume(reader, warnUnknown: isBuiltin)
            }

        for problem in templateProblems.diagnostics { collector.add(problem) }
        if !isBuiltin, check == nil { return RenderResult(xml: nil, diagnostics: collector.diagnostics) }
        if let check, check.language == .jinja {
            // Checked even when the parameters have errors, so every problem shows at once.
            guard check.checkJinja(folder: folder, collector: collector), !collector.hasErrors else {
                return RenderResult(xml: nil, diagnostics: collector.diagnostics)
            }
            let jinjaContext = JinjaContext.build(context, given: parameters.values, identity: parameters.identity)
            var followedIncludes: [IncludeSite: Set<String>] = [:]
            let rendered = check.renderJinja(context: jinjaContext, folder: folder, collector: collector, followedIncludes: &followedIncludes)
            let xml = rendered.flatMap { check.finished($0, kind: kind, identity: parameters.identity, collector: collector) }
            return RenderResult(xml: collector.hasErrors || !producingText ? nil : xml, diagnostics: collector.diagnostics,
                                unknownNames: check.jinjaUnknownNames(context: context, parameters: KnownParameters.names(of: kind, driver: chosenDriver),
                                                                   folder: folder, followedIncludes: rendered == nil ? nil : followedIncludes))
        }
        if !producingText, check == nil {
            return RenderResult(xml: nil, diagnostics: collector.diagnostics)
        }
        let template: CompiledTemplate?
        if let check {
            template = check.parse(collector: collector)
        } else {
            template = BuiltinTemplates.compiled[BuiltinTemplates.name(for: kind, driver: chosenDriver, poolType: context["type"] as? String ?? "dir")]
        }
        guard let template, !collector.hasErrors else {
            return RenderResult(xml: nil, diagnostics: collector.diagnostics)
        }
        let rendered = template.render(TemplateValue(context), partials: BuiltinTemplates.compiled)
        guard let check else { return RenderResult(xml: rendered, diagnostics: collector.diagnostics) }
        let xml = check.finished(rendered, kind: kind, identity: parameters.identity, collector: collector)
        return RenderResult(xml: producingText ? xml : nil, diagnostics: collector.diagnostics,
                            unknownNames: check.unknownNames(context: context, parameters: KnownParameters.names(of: kind, driver: chosenDriver)))
    }
}
