import SwitchboardCore

/// What a running bridge was started from: a channel as stored and its credentials. When another
/// instance changes either, this instance's bridge must restart the channel too.
struct ChannelFingerprint: Equatable, Sendable {
    let channel: Channel
    let credentials: ChannelCredentials?

    /// The fingerprint of `channel`; its `problem` is left out, because the bridge itself writes it
    /// (the messenger rejected the token) and restarting for it would only find the same problem.
    init(_ channel: Channel, credentials: ChannelCredentials?) {
        var channel = channel
        channel.problem = nil
        self.channel = channel
        self.credentials = credentials
    }
}

/// Which channels to restart after the stored channels changed.
enum ChannelChanges {
    /// The channels added, changed or removed between `old` and `new`, each as it was before the
    /// change (or as it is, when it is new): what ``ChannelBridge/reload(_:)`` takes.
    static func restarts(from old: [ChannelID: ChannelFingerprint], to new: [ChannelID: ChannelFingerprint]) -> [Channel] {
        let ids = Set(old.keys).union(new.keys).sorted { $0.rawValue < $1.rawValue }
        return ids.compactMap { id in
            guard old[id] != new[id] else { return nil }
            return (old[id] ?? new[id])?.channel
        }
    }
}
