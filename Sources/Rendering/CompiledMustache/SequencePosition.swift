/// Where in a list a section's body is rendered: what swift-mustache's transforms of no name
/// (`{{#first()}}`, `{{index()}}`) read.
struct SequencePosition {
    var first = true
    var last = false
    var index = 0

    func transformed(by name: String) -> TemplateValue? {
        switch name {
        case "first": .flag(first)
        case "last": .flag(last)
        case "index": .number(index)
        case "even": .flag(index & 1 == 0)
        case "odd": .flag(index & 1 == 1)
        default: nil
        }
    }
}
