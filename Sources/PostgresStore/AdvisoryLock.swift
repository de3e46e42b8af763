/// The keys of PostgreSQL advisory locks Switchboard takes, one place so two uses never share a key.
///
/// All live in the single-bigint key space; the high bits spell "SWBD" (one-off locks) or "SWBE"
/// (per-channel locks, the channel id in the low 32 bits) so they stay clear of keys
/// other software on the same database might pick.
enum AdvisoryLock {
    /// Held for a whole `migrate` run (session-level).
    static let migrations: Int64 = 0x5357_4244_0000_0001
    /// Held by every transaction that appends events, from the first append until commit
    /// (transaction-level), so `seq` order is commit order. See `PostgresEventLog`.
    static let eventAppend: Int64 = 0x5357_4244_0000_0002
    /// Held by every write transaction of the store from its first statement until commit
    /// (transaction-level), so writes run one at a time across the cluster. See `PostgresStore`.
    static let storeWrite: Int64 = 0x5357_4244_0000_0003
    /// Held by the instance that sends outgoing webhooks, on a connection of its own (session-level).
    static let webhookSender: Int64 = 0x5357_4244_0000_0004
    /// Held by the instance that fires scheduled timers (auto-close and the like), on a connection of its own (session-level).
    static let scheduler: Int64 = 0x5357_4244_0000_0005

    /// Held by the instance that polls a Telegram bot, on a connection of its own (session-level).
    static func poller(_ channel: Int64) -> Int64 {
        0x5357_4245_0000_0000 | (channel & 0xFFFF_FFFF)
    }
}
