import CLibvirt

/// What the Cloudify libvirt plugin's domain tasks besides create, start, stop and delete do:
/// change memory and vCPUs (`update`), reboot, suspend and resume.
extension LibvirtDomain {
    /// Sets the current memory in KiB (`virDomainSetMemory`); a running guest's balloon gives
    /// or takes it, up to the maximum.
    public func setMemory(kibibytes: UInt) async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            defer { self.noteDefinitionChange() }
            try LibvirtCall.check(virDomainSetMemory(self.pointer, UInt(kibibytes)), "virDomainSetMemory")
        }
    }

    /// Sets the maximum memory in KiB (`virDomainSetMaxMemory`); most drivers allow it only
    /// while the domain is shut off.
    public func setMaxMemory(kibibytes: UInt) async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            defer { self.noteDefinitionChange() }
            try LibvirtCall.check(virDomainSetMaxMemory(self.pointer, UInt(kibibytes)), "virDomainSetMaxMemory")
        }
    }

    /// Sets the number of virtual CPUs (`virDomainSetVcpus`).
    public func setVcpus(_ count: UInt32) async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            defer { self.noteDefinitionChange() }
            try LibvirtCall.check(virDomainSetVcpus(self.pointer, count), "virDomainSetVcpus")
        }
    }

    /// Asks the guest to reboot (`virDomainReboot`).
    public func reboot() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainReboot(self.pointer, 0), "virDomainReboot")
        }
    }

    /// Pauses the running domain (`virDomainSuspend`).
    public func suspend() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainSuspend(self.pointer), "virDomainSuspend")
        }
    }

    /// Resumes a paused domain (`virDomainResume`).
    public func resume() async throws(LibvirtError) {
        try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
            try LibvirtCall.check(virDomainResume(self.pointer), "virDomainResume")
        }
    }
}
