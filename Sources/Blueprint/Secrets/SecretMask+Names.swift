extension SecretMask {
    /// This mask, showing the names the user chose for a deployment as they are: its name, the
    /// blueprint's path and its node templates (and so the instance and object names made of
    /// them). See `keeping`.
    public func keepingNames(of blueprint: Blueprint?, path: String?, deployment: String?) -> SecretMask {
        keeping((blueprint?.nodeTemplates.names ?? []) + [path, deployment].compactMap { $0 })
    }
}
