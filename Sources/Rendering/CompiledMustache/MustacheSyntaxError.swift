/// A Mustache text that does not parse: the kinds of swift-mustache's parser errors, at the line
/// and column it reports them, so that BV0612 says the same whichever parser found it.
struct MustacheSyntaxError: Error, Equatable {
    enum Kind: Error, Equatable {
        /// A close tag names another section than the one open.
        case sectionCloseNameIncorrect
        /// A tag without its closing delimiter, or a malformed transform.
        case unfinishedName
        /// A section still open at the end.
        case expectedSectionEnd
        case invalidSetDelimiter
        case transformAppliedToInheritanceSection
        /// Something other than a block definition or text inside `{{<parent}}`.
        case illegalTokenInsideInheritSection
        case invalidConfigVariableSyntax
        case unrecognisedConfigVariable
        /// The text ended inside something that needed more characters (a lone `{` at the
        /// end, a tag or comment left open): swift-mustache's reader error, shown as `overflow`.
        case overflow
    }

    var kind: Kind
    /// 1-based, as ``MustacheScanner/lineAndColumn`` counts them.
    var line: Int
    var column: Int
}
