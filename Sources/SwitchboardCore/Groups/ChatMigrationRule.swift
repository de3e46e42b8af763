public import Foundation

/// A group chat became a supergroup (Telegram `migrate_to_chat_id` / `migrate_from_chat_id`, or a
/// send refused with `parameters.migrate_to_chat_id`): the chat has a new id and the old one is dead.
///
/// The group's identity takes the new id, so its conversations, history and queued replies follow
/// it: the outbox reads the recipient from the identity when it sends. When the new chat already has
/// an identity of its own (it wrote before the move was seen), the old identity is marked
/// unreachable instead, so nothing is sent to the dead id.
public enum ChatMigrationRule {
    /// The plan for a migration event.
    /// - Parameters:
    ///   - newExternalID: The chat's new id.
    ///   - snapshot: `identity` is the old chat's, `migrationTarget` the new chat's.
    public static func decide(_ event: InboundEvent, newExternalID: String, _ snapshot: IngestSnapshot) -> IngestPlan {
        let now = event.occurredAt
        guard var old = snapshot.identity?.identity else {
            // Nothing of the old chat is stored: make sure the new chat's identity exists.
            var sender = event.sender
            sender.externalID = newExternalID
            let decided = SenderIdentityRule.decide(
                sender,
                channel: event.channelID,
                stored: snapshot.migrationTarget?.identity,
                ids: snapshot.nextIDs,
                at: now
            )
            return IngestPlan(
                contactID: decided.identity.contactID,
                identityID: decided.identity.id,
                changes: decided.changes,
                events: decided.events
            )
        }
        var changes: [IngestChange] = []
        if snapshot.migrationTarget == nil {
            old.externalID = newExternalID
            changes.append(.moveIdentity(old.id, externalID: newExternalID))
        } else {
            old.isReachable = false
            changes.append(.setReachable(old.id, false))
        }
        let event = EventDraft(.identityUpdated, at: now, contact: old.contactID, payload: .identity(old))
        return IngestPlan(contactID: old.contactID, identityID: old.id, changes: changes, events: [event])
    }
}
