import Testing
@testable import Blueprint
import YAMLSource

/// The sizes the memory of a big blueprint rests on (docs/performance.md): every node of the
/// YAML tree and every part of an expression is one of these, so a field added carelessly, or
/// declared in an order that leaves padding, costs megabytes at 50,000 node templates.
@Suite struct MemoryLayoutTests {
    @Test func treeNodesStayCompact() {
        #expect(MemoryLayout<Node>.stride == 48)
        #expect(MemoryLayout<Pair>.stride == 96)
    }

    @Test func expressionsStayCompact() {
        #expect(MemoryLayout<Expression>.stride == 48)
        #expect(MemoryLayout<Expression.Entry>.stride == 88)
        #expect(MemoryLayout<FunctionCall>.stride == 88)
    }

    @Test func templatesHoldNoUnwrittenCountsInline() {
        #expect(MemoryLayout<NodeTemplate>.stride <= 248)
    }
}
