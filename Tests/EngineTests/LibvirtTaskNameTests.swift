@testable import Engine
import Testing

/// `libvirt.cloudify_libvirt.MODULE.TASK` names one of the plugin's tasks; anything else none.
@Suite struct LibvirtTaskNameTests {
    @Test func aTaskIsAModuleAndANameUnderThePluginsPackage() throws {
        let task = try #require(LibvirtTask(implementation: "libvirt.cloudify_libvirt.domain_tasks.update"))
        #expect(task.module == "domain_tasks" && task.name == "update" && task.isKnown)
        #expect(task.workOperation == .domain(.update))
        let noModule = try #require(LibvirtTask(implementation: "libvirt.cloudify_libvirt..start"))
        #expect(noModule.module == "" && noModule.name == "start" && !noModule.isKnown)
        let noName = try #require(LibvirtTask(implementation: "libvirt.cloudify_libvirt.domain_tasks."))
        #expect(noName.module == "domain_tasks" && noName.name == "" && !noName.isKnown)
    }

    @Test(arguments: [
        "libvirt.cloudify_libvirt.domain_tasks", "libvirt.cloudify_libvirt.domain_tasks.start.now",
        "libvirt.cloudify_libvirt.", "fabric.fabric_plugin.tasks.run_script", "libvirt.cloudify_libvirtdomain_tasks.start", "",
    ])
    func anythingElseIsNoTask(implementation: String) {
        #expect(LibvirtTask(implementation: implementation) == nil)
    }
}
