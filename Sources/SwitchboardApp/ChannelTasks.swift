import SwitchboardCore

/// The long-running work of each started channel (a poller, a set_webhook retry loop), so one
/// channel can be stopped and started again while the server runs.
actor ChannelTasks {
    private var running: [ChannelID: Task<Void, Never>] = [:]

    /// Stops the channel's current work, then runs `work` for it, if any.
    func replace(_ channelID: ChannelID, with work: (@Sendable () async -> Void)?) async {
        await stop(channelID)
        if let work { running[channelID] = Task { await work() } }
    }

    /// Cancels the channel's work and waits until it has ended (a long poll is aborted).
    func stop(_ channelID: ChannelID) async {
        guard let task = running.removeValue(forKey: channelID) else { return }
        task.cancel()
        await task.value
    }

    /// Stops every channel, at shutdown.
    func stopAll() async {
        for channelID in Array(running.keys) { await stop(channelID) }
    }
}
