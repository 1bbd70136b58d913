import Diagnostics

extension DiagnosticCode {
    public static let duplicateObjectName = DiagnosticCode("BV0801", "two libvirt objects share a name on one connection")
    public static let documentRejected = DiagnosticCode("BV0802", "libvirt rejects the rendered document")
    public static let paramsNotMapping = DiagnosticCode("BV0803", "params is not a mapping")
    public static let conflictingTemplates = DiagnosticCode("BV0804", "template_resource and template_content both given")
    public static let unknownConnectionDriver = DiagnosticCode("BV0805", "connection URI names no known libvirt driver")
    public static let imageWithoutPool = DiagnosticCode("BV0806", "an ISO image names no pool")
    public static let conflictingBacking = DiagnosticCode("BV0807", "backing_volume and backing_store both given")
    public static let backingPathUnknown = DiagnosticCode("BV0808", "the path of a backing volume is unknown")
    public static let unusableImageSource = DiagnosticCode("BV0809", "a volume's image url or sha256 is not usable")
    public static let nothingToWaitFor = DiagnosticCode("BV0810", "wait_for_ip is true but the domain has no interface on a libvirt network")
    public static let unusableUtilitiesConfiguration = DiagnosticCode("BV0811", "a utilities plugin node's configuration is one its operations would refuse")
    public static let ambiguousOutputInstance = DiagnosticCode("BV0812", "an output reads get_attribute of a node with several instances")
    public static let sharedMACAddress = DiagnosticCode("BV0813", "two interfaces of a deployment have one MAC address")
    public static let sharedBridge = DiagnosticCode("BV0814", "two networks on one connection use one bridge")
    public static let unorderedAttribute = DiagnosticCode("BV0815", "a node's install reads get_attribute of a node no relationship orders before it")
    public static let misplacedNodeReferenceInTypeDefault = DiagnosticCode("BV0816", "a relationship type's property default uses SELF, which stands for no node in a relationship")
    public static let missingPropertyInTypeDefault = DiagnosticCode("BV0817", "a relationship type's property default reads a property that an end of the relationship does not have")
    public static let unknownLibvirtTask = DiagnosticCode("BV0845", "an operation names no task of the libvirt plugin")
    public static let libvirtTaskNotRun = DiagnosticCode("BV0846", "a libvirt plugin task that bluevirt does not run where the blueprint maps it")
    public static let libvirtTaskOnWrongNode = DiagnosticCode("BV0847", "a libvirt plugin task on a node of another kind")
    public static let foreignTaskNotRun = DiagnosticCode("BV0848", "an operation install or uninstall runs names a task of a plugin bluevirt does not run")
    public static let unknownDomainNetwork = DiagnosticCode("BV0849", "a domain names a network that is none of the deployment's networks")
    public static let generatedNetworkNameWritten = DiagnosticCode("BV0850", "a domain names a network of the deployment by its generated name")
    public static let unknownVolumePool = DiagnosticCode("BV0851", "a volume names a pool that is none of the deployment's pools")
    public static let generatedPoolNameWritten = DiagnosticCode("BV0852", "a volume names a pool of the deployment by its generated name")
    public static let unknownWorkflow = DiagnosticCode("BV0870", "the blueprint has no workflow of that name")
    public static let unknownWorkflowParameter = DiagnosticCode("BV0871", "a workflow parameter the workflow does not declare")
    public static let missingWorkflowParameter = DiagnosticCode("BV0872", "a workflow parameter without a default is not given")
    public static let workflowParameterType = DiagnosticCode("BV0873", "a workflow parameter's value does not fit its declared type")
    public static let workflowNotRunnable = DiagnosticCode("BV0874", "a workflow bluevirt does not run")
    public static let malformedWorkflowParameter = DiagnosticCode("BV0875", "a -p workflow parameter is not KEY=VALUE")
    public static let unknownWorkflowTarget = DiagnosticCode("BV0876", "a workflow parameter names a node, instance or type the deployment does not have")
    public static let operationNotFound = DiagnosticCode("BV0877", "an operation a workflow names is not there")
    public static let backupNameMissing = DiagnosticCode("BV0878", "restore or remove_backup without a snapshot_name")
    public static let deploymentChangedSinceApply = DiagnosticCode("BV0879", "the blueprint or inputs differ from what the deployment was applied with")
    public static let kwargsRedefineInputs = DiagnosticCode("BV0880", "operation_kwargs redefine an operation's inputs without allow_kwargs_override")
    public static let scaleBeyondLimit = DiagnosticCode("BV0881", "a scale's delta takes the deployment past the most node instances bluevirt plans")
    public static let unknownTemplateVariable = DiagnosticCode("BV0884", "a user template reads a name that is no parameter bluevirt gives it")
    public static let unknownTemplateBlock = DiagnosticCode("BV0885", "a user template replaces a block the built-in template does not have")
    public static let scaleBelowZero = DiagnosticCode("BV0886", "a scale's delta takes an instance count below zero")
    public static let unplannableScaledCounts = DiagnosticCode("BV0887", "the instance counts a scale kept for the deployment are ones bluevirt cannot plan")
    public static let processLocalConnection = DiagnosticCode("BV0883", "a node's connection is test:///default, which lives only inside one bluevirt process")
    public static let unsupportedOnESX = DiagnosticCode("BV0888", "a network, pool or volume on an ESX connection, where libvirt cannot create one")
    public static let computedIncludeNotChecked = DiagnosticCode("BV0889", "a Jinja2 include's template, named by a computed name, cannot be checked")

    /// Every code of the dry-run stage, for the diagnostics catalog.
    public static let engineCodes: [DiagnosticCode] = [
        .duplicateObjectName, .documentRejected, .paramsNotMapping, .conflictingTemplates, .unknownConnectionDriver,
        .imageWithoutPool, .conflictingBacking, .backingPathUnknown, .unusableImageSource,
        .nothingToWaitFor, .unusableUtilitiesConfiguration, .ambiguousOutputInstance, .sharedMACAddress, .sharedBridge, .unorderedAttribute, .misplacedNodeReferenceInTypeDefault, .missingPropertyInTypeDefault, .unknownLibvirtTask, .libvirtTaskNotRun, .libvirtTaskOnWrongNode,
        .foreignTaskNotRun, .unknownDomainNetwork, .generatedNetworkNameWritten, .unknownVolumePool, .generatedPoolNameWritten, .unknownWorkflow, .unknownWorkflowParameter, .missingWorkflowParameter, .workflowParameterType, .workflowNotRunnable,
        .malformedWorkflowParameter, .unknownWorkflowTarget, .operationNotFound, .backupNameMissing, .deploymentChangedSinceApply,
        .kwargsRedefineInputs, .scaleBeyondLimit, .processLocalConnection, .unknownTemplateVariable, .unknownTemplateBlock, .scaleBelowZero, .unplannableScaledCounts,
        .unsupportedOnESX, .computedIncludeNotChecked,
    ]
}
