import Diagnostics

/// A template the user gives in place of the built-in one, as in the Cloudify libvirt plugin:
/// `template_resource` (a file) or `template_content` (inline text), on the node or on the
/// operation. It receives the same parameters and may inherit from a built-in template:
/// `{{<domain-qemu}}{{$devices}}...{{/devices}}{{/domain-qemu}}`.
public enum UserTemplate: Sendable, Hashable {
    /// Render with the built-in template for the kind and driver.
    case none
    /// `template_resource`: a path relative to the blueprint's directory (or absolute);
    /// `at` is where the blueprint names it.
    case file(String, at: SourceRange)
    /// `template_content`: the template text itself; `at` is where the blueprint holds it.
    case inline(String, at: SourceRange)
}
