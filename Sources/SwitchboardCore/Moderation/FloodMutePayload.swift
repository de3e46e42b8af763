public import Foundation

/// `identity.muted`: flood control muted an identity; its messages are stored quietly until `mutedUntil`.
public struct FloodMutePayload: Sendable, Codable, Equatable {
    public var identityID: IdentityID
    /// The conversation the notice goes to.
    public var conversationID: ConversationID
    public var mutedUntil: Date

    /// Creates a payload.
    public init(identityID: IdentityID, conversationID: ConversationID, mutedUntil: Date) {
        self.identityID = identityID
        self.conversationID = conversationID
        self.mutedUntil = mutedUntil
    }
}
