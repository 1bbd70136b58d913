import LibvirtBackend
import Testing

@Suite struct XMLCharacterDataTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", "a <b> & \"c\" 'd'"),
        ("vm&#xE9;_&#x65E5;&#x672C;", "vmé_日本"),
        ("&#233;&#X1F600;", "é😀"),
        // Decoded once: an escaped reference stays a reference.
        ("&amp;lt;", "&lt;"),
        // Not references: kept as they stand.
        ("a & b", "a & b"),
        ("&unknown; &#xZZ; &#x110000; &", "&unknown; &#xZZ; &#x110000; &"),
    ])
    func decodesWhatLibvirtWrites(written: String, decoded: String) {
        #expect(XMLCharacterData.decoded(written) == decoded)
    }
}
