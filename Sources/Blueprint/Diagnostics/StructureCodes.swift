import YAMLSource

/// Codes for problems with the blueprint's structure: files and imports, DSL versions, sections,
/// types, node templates and relationships. Stable: a code never changes meaning.
extension DiagnosticCode {
    public static let missingDSLVersion = DiagnosticCode("BV0101", "the blueprint does not declare tosca_definitions_version")
    public static let unsupportedDSLVersion = DiagnosticCode("BV0102", "tosca_definitions_version names a DSL version bluevirt does not support")
    public static let featureNeedsLaterVersion = DiagnosticCode("BV0103", "a feature is used that came with a later DSL version")
    public static let unknownSection = DiagnosticCode("BV0104", "unknown top-level section")
    public static let unknownKey = DiagnosticCode("BV0105", "unknown key in a definition")
    public static let wrongShape = DiagnosticCode("BV0106", "a definition has the wrong shape (a mapping, list or string was expected)")
    public static let unknownNodeType = DiagnosticCode("BV0107", "unknown node type")
    public static let unknownRelationshipType = DiagnosticCode("BV0108", "unknown relationship type")
    public static let unknownParentType = DiagnosticCode("BV0109", "derived_from names a type that does not exist")
    public static let derivationCycle = DiagnosticCode("BV0110", "a type derives from itself through derived_from")
    public static let unknownProperty = DiagnosticCode("BV0111", "a property that the type does not declare")
    public static let missingRequiredProperty = DiagnosticCode("BV0112", "a required property has no value")
    public static let unknownRelationshipTarget = DiagnosticCode("BV0113", "a relationship targets a node template that does not exist")
    public static let relationshipToSelf = DiagnosticCode("BV0114", "a relationship targets its own node template")
    public static let multipleContainers = DiagnosticCode("BV0115", "a node template is contained_in more than one node")
    public static let dependencyCycle = DiagnosticCode("BV0116", "node templates depend on each other in a cycle")
    public static let unresolvableImport = DiagnosticCode("BV0117", "an import names a URL that is not built in (bluevirt never downloads)")
    public static let importNotFound = DiagnosticCode("BV0118", "an imported file does not exist")
    public static let conflictingDefinition = DiagnosticCode("BV0119", "two files define the same name")
    public static let missingRequiredKey = DiagnosticCode("BV0120", "a definition lacks a key it must have")
    public static let inconsistentInstances = DiagnosticCode("BV0121", "instance counts are negative or inconsistent")
    public static let unknownGroupMember = DiagnosticCode("BV0122", "a group or policy names a member that does not exist")
    public static let invalidPlugin = DiagnosticCode("BV0123", "a plugin definition is incomplete or invalid")
    public static let importedVersionTooNew = DiagnosticCode("BV0124", "an imported file declares a later DSL version than the main blueprint")
    public static let invalidOperation = DiagnosticCode("BV0125", "an operation definition has an invalid value")
    public static let unresolvedImplementation = DiagnosticCode("BV0126", "an operation or workflow names neither a declared plugin's task nor an existing script")
    public static let unknownPolicyType = DiagnosticCode("BV0127", "a policy's type is not cloudify.policies.scaling, the only policy type Cloudify implements")
    public static let legacyTemplateInput = DiagnosticCode("BV0128", "a libvirt operation gives its template under the input name of the plugin before 0.7 (domain_file, ...)")
    public static let scriptOutsideBlueprint = DiagnosticCode("BV0129", "an operation runs a script outside the blueprint's folder")
    public static let scriptNotRunnable = DiagnosticCode("BV0130", "an operation's script is not executable, has no #! line and no .sh, .bash or .py extension")
    public static let unknownGroupPolicyType = DiagnosticCode("BV0131", "a group's policy or trigger names a policy type or trigger that is not declared")
    public static let duplicateImport = DiagnosticCode("BV0132", "an imports list names the same import twice")
    public static let missingOperationInput = DiagnosticCode("BV0134", "an operation input declared without a default has no value")
    public static let unrootedRelationshipType = DiagnosticCode("BV0133", "a relationship's type derives from none of Cloudify's base relationships (depends_on, connected_to, contained_in)")
    public static let derivationTooDeep = DiagnosticCode("BV0140", "a derived_from chain is longer than bluevirt's limit")
    public static let unknownLifecycleOperation = DiagnosticCode("BV0141", "a node template or node type gives a lifecycle operation its type (a type: its parent) does not declare, which no workflow runs")
    public static let namespaceHasDelimiter = DiagnosticCode("BV0142", "an import's namespace contains the namespace delimiter '--'")
    public static let namespacedCloudifyTypes = DiagnosticCode("BV0143", "Cloudify's types.yaml is imported under a namespace of its own")
    public static let invalidSchedule = DiagnosticCode("BV0144", "a deployment schedule in deployment_settings has a malformed time, recurrence or weekday")
    public static let misspelledInterface = DiagnosticCode("BV0145", "a node template, relationship or type gives an interface its type (a type: its parent) does not declare, named like one it does, so no workflow runs it")
    public static let unknownRelationshipOperation = DiagnosticCode("BV0146", "a relationship or relationship type gives a relationship_lifecycle operation its type (a type: its parent) does not declare, which no workflow runs")
    public static let agentNotInstalled = DiagnosticCode("BV0160", "a node template asks for a Cloudify agent, which bluevirt does not install")

    /// Every structure code, for the catalog in docs/diagnostics.md and the golden-test check.
    public static let structureCodes: [DiagnosticCode] = [
        .missingDSLVersion, .unsupportedDSLVersion, .featureNeedsLaterVersion, .unknownSection,
        .unknownKey, .wrongShape, .unknownNodeType, .unknownRelationshipType, .unknownParentType,
        .derivationCycle, .unknownProperty, .missingRequiredProperty, .unknownRelationshipTarget,
        .relationshipToSelf, .multipleContainers, .dependencyCycle, .unresolvableImport,
        .importNotFound, .conflictingDefinition, .missingRequiredKey, .inconsistentInstances,
        .unknownGroupMember, .invalidPlugin, .importedVersionTooNew,
        .invalidOperation, .unresolvedImplementation, .unknownPolicyType,
        .legacyTemplateInput, .scriptOutsideBlueprint, .scriptNotRunnable, .unknownGroupPolicyType,
        .duplicateImport, .unrootedRelationshipType, .missingOperationInput, .derivationTooDeep,
        .unknownLifecycleOperation, .namespaceHasDelimiter, .namespacedCloudifyTypes, .invalidSchedule,
        .misspelledInterface, .unknownRelationshipOperation, .agentNotInstalled,
    ]
}
