// The YAML front end reports problems as Diagnostics; code that reads YAML reports them too,
// so importing YAMLSource brings the Diagnostics module with it.
@_exported import Diagnostics
