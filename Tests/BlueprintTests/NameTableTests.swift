import Testing
@testable import Blueprint

/// NameTable searches its names in order while small and indexes them past 12; both must agree.
@Suite struct NameTableTests {
    @Test(arguments: [5, 30])
    func keepsOrderThroughReplacementAndRemoval(size: Int) {
        var table = NameTable<Int>()
        for number in 0..<size { table["n\(number)"] = number }
        table["n2"] = 200
        table["n1"] = nil
        table["late"] = -1
        var expected = (0..<size).filter { $0 != 1 }.map { "n\($0)" }
        expected.append("late")
        #expect(table.names == expected)
        #expect(table.count == size)
        #expect(table["n2"] == 200 && table["n1"] == nil && table["late"] == -1)
        #expect(table["n\(size - 1)"] == size - 1)
        #expect(!table.contains("n1") && table.contains("n0"))
        #expect(table.elements == expected.map { table[$0]! })
        #expect(table.entries.map(\.name) == expected)
    }
}
