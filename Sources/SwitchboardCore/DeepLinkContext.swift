public import Foundation

/// What a company's site or app registered for a deep link: any JSON object the operator should see.
public struct DeepLinkContext: Sendable, Equatable {
    /// The short random key the deep link carries (`[A-Za-z0-9_-]`, at most 64 characters).
    public var key: String
    /// The registered JSON object, as text.
    public var data: String
    public var createdAt: Date
    public var expiresAt: Date

    /// Creates a context value.
    public init(key: String, data: String, createdAt: Date, expiresAt: Date) {
        self.key = key
        self.data = data
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Whether a key has the only shape Switchboard hands out: Telegram's `start` payload alphabet, 1–64 characters.
    public static func isWellFormed(key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 64
            && key.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
            }
    }
}

/// What became of the context key a client arrived with.
public enum ContextStatus: String, Sendable, Codable, CaseIterable {
    /// The registered context is pinned to the conversation.
    case pinned
    /// No such key, or one another client already used: the operator is told the context is missing.
    case missing
    /// The key existed but expired before the client used it.
    case expired
}

/// The context shown with a conversation: the key it arrived with, what became of it, and the data when pinned.
public struct PinnedContext: Sendable, Equatable {
    public var key: String
    public var status: ContextStatus
    /// The registered context, only when `status` is `.pinned`.
    public var context: DeepLinkContext?

    /// Creates a value.
    public init(key: String, status: ContextStatus, context: DeepLinkContext?) {
        self.key = key
        self.status = status
        self.context = context
    }
}

extension DeepLinkContext {
    /// How long an unclaimed context is kept after it was registered: past its expiry it is of no use,
    /// and a week of them is enough to tell "expired" from "missing".
    public static let unclaimedRetention: TimeInterval = 7 * 86_400
}

extension PinnedContext {
    /// What a conversation shows of the key it arrived with.
    /// - Parameters:
    ///   - status: the stored status; conversations from before contexts existed carry a key without one
    ///     (nothing was registered then).
    ///   - context: the registered context claimed by the conversation's identity, if it is still stored.
    public static func resolve(key: String, status: ContextStatus?, context: DeepLinkContext?) -> PinnedContext {
        guard status == .pinned, let context else {
            return PinnedContext(key: key, status: status == .pinned ? .missing : status ?? .missing, context: nil)
        }
        return PinnedContext(key: key, status: .pinned, context: context)
    }
}
