import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Starts every channel of one messenger at `serve` and keeps them running until graceful
/// shutdown: for each stored, unpaused channel it hands the credentials to the messenger's
/// ``ChannelStarter``, which connects the channel's inbound events to the router and registers
/// its adapter for the outbox, and it runs the work the starter returns (a poller, a webhook setup).
public struct ChannelBridge: Service {
    let starter: any ChannelStarter
    let wiring: ChannelWiring
    let tasks = ChannelTasks()

    /// Creates the bridge; nothing starts before `run`.
    init(starter: any ChannelStarter, wiring: ChannelWiring) {
        self.starter = starter
        self.wiring = wiring
    }

    /// The messenger whose channels this bridge runs.
    public var kind: ChannelKind { starter.kind }

    /// Starts the channels and runs their work until shutdown.
    public func run() async throws {
        for channel in try await wiring.store.channels() where channel.kind == kind && !channel.isPaused {
            await tasks.serially(channel.id) { await launch(channel) }
        }
        // A service that returns early ends the whole ServiceGroup, so the bridge lives until shutdown.
        try? await gracefulShutdown()
        await tasks.stopAll()
    }

    /// Applies a stored change to a running server: stops the channel, then starts it again as
    /// stored unless it is paused or gone. Reloads of one channel run one after another, each
    /// reading the channel as stored when its turn comes, so the last one decides.
    public func reload(_ previous: Channel) async {
        await tasks.serially(previous.id) { await restart(previous) }
    }

    private func restart(_ previous: Channel) async {
        await tasks.stop(previous.id)
        await wiring.adapters.remove(previous.id)
        await wiring.staffGroups.remove(previous.id)
        // By the name it had: a removed channel is gone from the store, and its endpoint must go too.
        await wiring.webhooks.remove(kind: kind, channelName: previous.name)
        let retry = StoreReadRetry(logger: wiring.logger)
        guard let stored = await retry.value("the channels to restart \(previous.name)", { try await wiring.store.channels() }),
            let channel = stored.first(where: { $0.id == previous.id }), channel.kind == kind, !channel.isPaused
        else { return }
        await launch(channel)
    }

    private func launch(_ channel: Channel) async {
        let retry = StoreReadRetry(logger: wiring.logger)
        guard let read = await retry.value("the token of \(channel.name)", { try await wiring.store.channelCredentials(channel.id) }) else { return }
        guard let credentials = read else {
            wiring.logger.warning("\(kind.rawValue) channel has no token", metadata: ["channel": "\(channel.name)"])
            return
        }
        do {
            await tasks.replace(channel.id, with: try await starter.start(channel, credentials: credentials, wiring: wiring))
        } catch {
            // One broken channel (say, a token sealed with another key) must not stop the others.
            wiring.logger.error("\(kind.rawValue) channel not started", metadata: ["channel": "\(channel.name)", "error": "\(error)"])
        }
    }
}
