import Diagnostics

extension DiagnosticCode {
    public static let invalidObjectName = DiagnosticCode("BV0601", "invalid libvirt object name")
    public static let valueOutOfRange = DiagnosticCode("BV0602", "size or count out of range")
    public static let invalidMACAddress = DiagnosticCode("BV0603", "invalid MAC address")
    public static let unknownChoice = DiagnosticCode("BV0604", "value is not one of the allowed values")
    public static let wrongParameterType = DiagnosticCode("BV0605", "template parameter has the wrong type")
    public static let invalidIPAddress = DiagnosticCode("BV0606", "invalid IP address, netmask, prefix or DHCP range")
    public static let characterNotAllowedInXML = DiagnosticCode("BV0607", "value holds a character XML cannot carry")
    public static let missingParameter = DiagnosticCode("BV0608", "required template parameter missing")
    public static let pathNotAbsolute = DiagnosticCode("BV0609", "path is not absolute")
    public static let invalidUUID = DiagnosticCode("BV0610", "invalid UUID")
    public static let userTemplateUnreadable = DiagnosticCode("BV0611", "user template file cannot be read")
    public static let userTemplateSyntax = DiagnosticCode("BV0612", "user template is not valid Mustache")
    public static let userTemplateUnescaped = DiagnosticCode("BV0613", "user template substitutes a value unescaped")
    public static let userTemplateUnknownPartial = DiagnosticCode("BV0614", "user template names an unknown template")
    public static let conflictingParameters = DiagnosticCode("BV0615", "template parameters conflict")
    public static let unknownParameter = DiagnosticCode("BV0616", "parameter not read by the built-in template")
    public static let userTemplateJinjaUnsupported = DiagnosticCode("BV0617", "user template uses a Jinja2 construct bluevirt does not support")
    public static let userTemplateJinjaSyntax = DiagnosticCode("BV0618", "user template is not valid Jinja2")
    public static let userTemplateJinjaRender = DiagnosticCode("BV0619", "user Jinja2 template fails to render")
    public static let userTemplateOutsideBlueprint = DiagnosticCode("BV0620", "a user template names a file outside the blueprint's folder")
    public static let userTemplateJinjaLimit = DiagnosticCode("BV0621", "user Jinja2 template would build too much text or loop too long")
    /// The files of a cloud-init seed image (the Engine checks them; its files are what dry-run
    /// shows in place of a document).
    public static let unusableSeedFile = DiagnosticCode("BV0622", "a cloud-init seed's user_data, meta_data or network_config is not what cloud-init reads")
    public static let unusableImageName = DiagnosticCode("BV0623", "an ISO image's file name or volume label is one ISO 9660 cannot hold")
    public static let userTemplateNotWellFormed = DiagnosticCode("BV0624", "user template renders a document that is not well-formed XML")
    public static let containerSharesHostRoot = DiagnosticCode("BV0625", "an lxc container without 'root' runs the host's /sbin/init on the host's own root file system")

    /// Every code of the rendering stage, for the diagnostics catalog.
    public static let renderingCodes: [DiagnosticCode] = [
        .invalidObjectName, .valueOutOfRange, .invalidMACAddress, .unknownChoice, .wrongParameterType,
        .invalidIPAddress, .characterNotAllowedInXML, .missingParameter, .pathNotAbsolute, .invalidUUID,
        .userTemplateUnreadable, .userTemplateSyntax, .userTemplateUnescaped, .userTemplateUnknownPartial,
        .conflictingParameters, .unknownParameter, .userTemplateJinjaUnsupported, .userTemplateJinjaSyntax,
        .userTemplateJinjaRender, .userTemplateOutsideBlueprint, .userTemplateJinjaLimit, .unusableSeedFile, .userTemplateNotWellFormed,
        .containerSharesHostRoot, .unusableImageName,
    ]
}
