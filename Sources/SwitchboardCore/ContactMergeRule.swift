public import Foundation

/// How two contacts become one, and how an undo separates them again.
///
/// Conversations belong to identities, so the store moves identities (with their conversations) and
/// everything follows exactly once; this rule decides the fields, the labels and the events.
public enum ContactMergeRule {
    /// A contact as a merge reads it.
    public struct Side: Sendable, Equatable {
        public var contact: Contact
        /// The contact it was merged into, if it was.
        public var mergedInto: ContactID?
        /// Its labels, in name order.
        public var labels: [String]

        /// Creates a side.
        public init(contact: Contact, mergedInto: ContactID? = nil, labels: [String] = []) {
            self.contact = contact
            self.mergedInto = mergedInto
            self.labels = labels
        }
    }

    /// A decided merge: the target's new fields and the undo record.
    public struct Merge: Sendable, Equatable {
        /// The target contact after the merge.
        public var target: Contact
        public var source: Contact
        /// Stored with the merge for its undo.
        public var record: ContactMergeRecord

        /// `contact.merged` and `contact.updated`, once the store has numbered the merge.
        public func events(mergeID: Int64, reason: MergeReason, at now: Date) -> [EventDraft] {
            let payload = MergePayload(mergeID: mergeID, targetID: target.id, sourceID: source.id, reason: reason)
            return [
                EventDraft(.contactMerged, at: now, contact: target.id, payload: .merge(payload)),
                EventDraft(.contactUpdated, at: now, contact: target.id, payload: .contact(target)),
            ]
        }
    }

    /// A decided undo: the restored target and the labels the merge brought that leave it again.
    public struct Undo: Sendable, Equatable {
        public var target: Contact
        /// Labels only the source had, removed from the target.
        public var removedLabels: [String]
        /// `contact.unmerged`, then `contact.updated` for both contacts.
        public var events: [EventDraft]
    }

    /// Decides a merge of `source` into `target`: the target keeps its own name, phone and language and
    /// takes the source's where it has none; notes are joined; labels become the union (the store adds them).
    /// - Parameters:
    ///   - target: the contact that stays, nil when unknown.
    ///   - source: the contact that is merged away, nil when unknown.
    ///   - identityIDs: the source's identities, which move to the target.
    /// - Throws: `StoreError.invalid` for the same or an already merged contact, `.notFound` for an unknown one.
    public static func merge(
        into targetID: ContactID,
        from sourceID: ContactID,
        target: Side?,
        source: Side?,
        identityIDs: [IdentityID]
    ) throws(StoreError) -> Merge {
        guard targetID != sourceID else { throw StoreError.invalid("a contact cannot be merged with itself") }
        let target = try live(target, targetID)
        let source = try live(source, sourceID)
        let before = ContactMergeFields(target.contact)
        let theirs = ContactMergeFields(source.contact)
        let after = ContactMergeFields(
            preferredName: before.preferredName ?? theirs.preferredName,
            notes: [before.notes, theirs.notes].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            phone: before.phone ?? theirs.phone,
            language: before.language ?? theirs.language
        )
        let record = ContactMergeRecord(
            identityIDs: identityIDs.map(\.rawValue),
            targetBefore: before,
            targetAfter: after,
            targetLabels: target.labels,
            sourceLabels: source.labels
        )
        return Merge(target: after.applied(to: target.contact), source: source.contact, record: record)
    }

    /// Decides the undo of a merge: each field the merge set goes back, unless an operator changed it since.
    /// - Parameters:
    ///   - merge: the merge to undo.
    ///   - record: its stored undo record.
    ///   - target: the target contact as it is now.
    ///   - source: the source contact as it is now.
    ///   - now: the time of the undo.
    /// - Throws: `StoreError.invalid` when undone already or the target was merged into another since.
    public static func undo(
        _ merge: ContactMerge,
        record: ContactMergeRecord,
        target: Side,
        source: Contact,
        at now: Date
    ) throws(StoreError) -> Undo {
        guard merge.undoneAt == nil else { throw StoreError.invalid("this merge was undone already") }
        guard target.mergedInto == nil else { throw StoreError.invalid("the contact was merged into another since; undo that merge first") }
        var fields = ContactMergeFields(target.contact)
        let (before, after) = (record.targetBefore, record.targetAfter)
        if fields.preferredName == after.preferredName { fields.preferredName = before.preferredName }
        if fields.notes == after.notes { fields.notes = before.notes }
        if fields.phone == after.phone { fields.phone = before.phone }
        if fields.language == after.language { fields.language = before.language }
        let restored = fields.applied(to: target.contact)
        let payload = MergePayload(mergeID: merge.id, targetID: merge.targetID, sourceID: merge.sourceID, reason: merge.reason)
        return Undo(
            target: restored,
            removedLabels: Set(record.sourceLabels).subtracting(record.targetLabels).sorted(),
            events: [
                EventDraft(.contactUnmerged, at: now, contact: merge.targetID, payload: .merge(payload)),
                EventDraft(.contactUpdated, at: now, contact: merge.targetID, payload: .contact(restored)),
                EventDraft(.contactUpdated, at: now, contact: merge.sourceID, payload: .contact(source)),
            ]
        )
    }

    private static func live(_ side: Side?, _ id: ContactID) throws(StoreError) -> Side {
        guard let side else { throw StoreError.notFound("contact \(id)") }
        guard side.mergedInto == nil else { throw StoreError.invalid("contact \(id) was merged into another") }
        return side
    }
}
