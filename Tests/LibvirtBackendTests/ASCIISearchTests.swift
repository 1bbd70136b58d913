import Foundation
import LibvirtBackend
import Testing

/// The byte search that replaced Foundation's `range(of:)` on domain documents finds what
/// `range(of:)` finds, at the same indices, also after non-ASCII text.
@Suite struct ASCIISearchTests {
    static let haystacks = [
        "<domain><name>web</name><devices><interface type='network'><source network='lan'/></interface></devices></domain>",
        "<domain><description>café ☕ — 日本</description><devices><disk type='file'></disk><disk type='block'></disk></devices></domain>",
        "", "<", "</disk>", "no markup here", "<<disk<disk ",
    ]
    static let needles = ["<disk", "</disk>", "<interface", "type='network'", "<name>", "<", "absent", "<disk "]

    @Test(arguments: haystacks)
    func findsWhatFoundationFinds(haystack: String) {
        for needle in Self.needles {
            #expect(haystack.firstRange(ofASCII: needle) == haystack.range(of: needle), "first \(needle) in \(haystack)")
            #expect(haystack.lastRange(ofASCII: needle) == haystack.range(of: needle, options: .backwards), "last \(needle) in \(haystack)")
            #expect(haystack.containsASCII(needle) == (haystack.range(of: needle) != nil))
            let tail = haystack.dropFirst(min(3, haystack.count))
            #expect(tail.firstRange(ofASCII: needle) == tail.range(of: needle), "first \(needle) in the tail of \(haystack)")
        }
    }

    @Test func anEmptyNeedleIsNeverFound() {
        #expect("abc".firstRange(ofASCII: "") == nil)
        #expect("abc".lastRange(ofASCII: "") == nil)
    }
}

/// The element scan the domain readers share: elements of one name, in order, their attributes
/// and content, quoted values of either kind.
@Suite struct XMLElementScanTests {
    @Test func elementsOfOneNameInOrderSkippingLongerNamesAndSelfClosedOnes() {
        let xml = "<devices><disks/><disk type='file'>\n<source file='/a b.qcow2'/></disk><disk/><disk\ttype=\"block\"><source dev=\"/dev/sdb\"/></disk></devices>"
        let disks = XMLElementScan.elements("disk", in: xml)
        #expect(disks.map(String.init) == [" type='file'>\n<source file='/a b.qcow2'/>", "\ttype=\"block\"><source dev=\"/dev/sdb\"/>"])
        #expect(XMLElementScan.opening(of: disks[0]) == " type='file'")
        #expect(XMLElementScan.quotedValue(after: "<source file=", in: disks[0]) == "/a b.qcow2")
        #expect(XMLElementScan.quotedValue(after: "<source dev=", in: disks[1]) == "/dev/sdb")
        #expect(XMLElementScan.quotedValue(after: "<source file=", in: disks[1]) == nil)
        #expect(XMLElementScan.elements("disk", in: "<disk type='file'>unclosed").isEmpty)
    }
}
