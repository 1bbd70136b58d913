import Testing
@testable import Rendering

/// The reader every document a user's template renders goes through: it must refuse what
/// libxml2 refuses, accept what it accepts, and find the root's `<metadata>` as a parser does.
@Suite struct XMLDocumentReaderTests {
    static let namespace = "https://bluevirt.dev/xmlns/instance/1"

    @Test("documents libxml2 reads are accepted", arguments: [
        "<domain/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a <domain> -->\n<domain type='qemu'><name>a &amp; b &#38; &#x26;</name></domain>\n",
        "<!DOCTYPE domain [<!ENTITY x \"y\">]><domain>&x;</domain>",
        "<domain><description><![CDATA[<metadata> & ]]></description><?pi data?><é-name ü=\"1\"/></domain>",
        "<domain a=\"&lt;\" b='\"'>\r\n\t<x:y xmlns:x=\"u\"/></domain>\n<!-- after -->\n",
    ])
    func accepted(_ xml: String) throws {
        _ = try XMLDocumentReader.read(xml, namespace: Self.namespace)
    }

    @Test("documents libxml2 refuses are refused, at their place", arguments: [
        ("<domain><devices>\n</domain>", "the end tag </domain> does not match <devices>, opened at line 1, which is still open", 2, 1),
        ("<domain a=1/>", "the value of the attribute 'a' must be in quotes", 1, 11),
        ("<domain a='1' a='2'/>", "the attribute 'a' is given twice in <domain>", 1, 15),
        ("<domain>a & b</domain>", "'&' that starts no reference: write '&amp;'", 1, 11),
        ("<domain>&nbsp;</domain>", "the entity '&nbsp;' is not defined: XML knows only &amp; &lt; &gt; &quot; &apos;", 1, 9),
        ("<domain>&#0;</domain>", "'&#0;' is no character reference XML allows", 1, 9),
        ("<domain><!-- a -- b --></domain>", "'--' inside a comment, which XML does not allow", 1, 16),
        ("<domain/><network/>", "a second root element after </domain>: a document has exactly one", 1, 10),
        ("<domain/>text", "text after the root element's end tag </domain>", 1, 10),
        ("\n<?xml version='1.0'?><domain/>", "an XML declaration (<?xml …?>) is allowed only at the very start of the document", 2, 1),
        ("<domain>\n  <name>", "the document ends inside <name>, opened at line 2: '</name>' expected", 2, 9),
        ("<domain a='<'/>", "'<' in the value of the attribute 'a': write '&lt;'", 1, 12),
        ("<domain>]]></domain>", "']]>' in text: it may only end a CDATA section; write ']]&gt;'", 1, 9),
        ("<domain>\u{1}</domain>", "the control character U+0001 cannot appear in XML", 1, 9),
        ("  ", "the document has no root element (libvirt needs one, such as <domain>)", 1, 3),
    ])
    func refused(_ xml: String, message: String, line: Int, column: Int) {
        #expect(throws: XMLDocumentReader.Problem.self) { try XMLDocumentReader.read(xml, namespace: Self.namespace) }
        do {
            _ = try XMLDocumentReader.read(xml, namespace: Self.namespace)
        } catch {
            #expect(error.message == message)
            #expect(error.line == line && error.column == column, "\(error.line):\(error.column)")
        }
    }
}
