import Logging
import ServiceLifecycle
import SwitchboardCore

/// On a database several instances share: notices channels changed by another instance (an admin's
/// pause, new token, mode or persona, applied where the admin's request landed) and restarts them in
/// this instance's bridges, so a change made on A takes effect wherever the channel runs.
///
/// It compares the stored channels every `interval`. Channel changes are rare and a restart takes
/// seconds anyway, so a query every two seconds is a smaller thing to get right than a message bus.
struct ChannelChangeWatcher: Service {
    let store: any AppStore
    let bridges: [ChannelBridge]
    var interval: Duration = .seconds(2)
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await follow() }
    }

    private func follow() async {
        var known: [ChannelID: ChannelFingerprint]?
        while !Task.isCancelled {
            do {
                let now = try await snapshot()
                if let known {
                    for channel in ChannelChanges.restarts(from: known, to: now) {
                        logger.info("channel changed on another instance; restarting it here", metadata: ["channel": "\(channel.name)"])
                        await bridges.first { $0.kind == channel.kind }?.reload(channel)
                    }
                }
                known = now
            } catch {
                logger.warning("could not read the channels to follow changes", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func snapshot() async throws -> [ChannelID: ChannelFingerprint] {
        var fingerprints: [ChannelID: ChannelFingerprint] = [:]
        for channel in try await store.channels() {
            fingerprints[channel.id] = ChannelFingerprint(channel, credentials: try await store.channelCredentials(channel.id))
        }
        return fingerprints
    }
}
