import SwitchboardCore

/// The long-running work of each started channel (a poller, a set_webhook retry loop), so one
/// channel can be stopped and started again while the server runs.
///
/// Changes of one channel run one after another: overlapping reloads (three resumes and a pause
/// sent at once) would otherwise interleave their stops and starts and leave a poller nobody
/// holds, and two pollers of one bot knock each other out with 409 Conflict.
actor ChannelTasks {
    private var running: [ChannelID: Task<Void, Never>] = [:]
    /// The last change asked for per channel; the next one starts when it has ended.
    private var changes: [ChannelID: Task<Void, Never>] = [:]
    /// Set at shutdown: no channel starts after it.
    private var closed = false

    /// Runs `change` once every change of the channel asked for before it has ended, and returns when it has.
    func serially(_ channelID: ChannelID, _ change: @escaping @Sendable () async -> Void) async {
        let previous = changes[channelID]
        let task = Task {
            await previous?.value
            await change()
        }
        changes[channelID] = task
        await task.value
        if changes[channelID] == task { changes[channelID] = nil }
    }

    /// Stops the channel's current work, then runs `work` for it, if any (not after shutdown).
    /// Call it inside ``serially(_:_:)``.
    func replace(_ channelID: ChannelID, with work: (@Sendable () async -> Void)?) async {
        await stop(channelID)
        if let work, !closed { running[channelID] = Task { await work() } }
    }

    /// Cancels the channel's work and waits until it has ended (a long poll is aborted).
    func stop(_ channelID: ChannelID) async {
        guard let task = running.removeValue(forKey: channelID) else { return }
        task.cancel()
        await task.value
    }

    /// Stops every channel, at shutdown, after the changes under way; none starts afterwards.
    func stopAll() async {
        closed = true
        for change in Array(changes.values) { await change.value }
        for channelID in Array(running.keys) { await stop(channelID) }
    }
}
