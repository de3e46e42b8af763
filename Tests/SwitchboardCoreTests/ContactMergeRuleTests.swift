import Foundation
import SwitchboardCore
import Testing

@Suite struct ContactMergeRuleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let olga = Contact(id: ContactID(1), displayName: "Olga", preferredName: "Olga P.", notes: "VIP")
    let viberOlga = Contact(
        id: ContactID(2),
        displayName: "olga_v",
        preferredName: "Ольга",
        phone: "+380501112233",
        language: "uk",
        notes: "prefers mornings"
    )

    func merge() throws -> ContactMergeRule.Merge {
        try ContactMergeRule.merge(
            into: olga.id,
            from: viberOlga.id,
            target: .init(contact: olga, labels: ["vip"]),
            source: .init(contact: viberOlga, labels: ["vip", "wholesale"]),
            identityIDs: [IdentityID(5)]
        )
    }

    @Test func targetKeepsItsFieldsAndTakesTheSourcesWhereItHasNone() throws {
        let merge = try merge()
        #expect(merge.target.preferredName == "Olga P.")
        #expect(merge.target.phone == "+380501112233")
        #expect(merge.target.language == "uk")
        #expect(merge.target.displayName == "Olga")
        #expect(merge.target.notes == "VIP\n\nprefers mornings")
    }

    @Test func recordKeepsWhatTheUndoNeeds() throws {
        let record = try merge().record
        #expect(record.identityIDs == [5])
        #expect(record.targetBefore == ContactMergeFields(olga))
        #expect(record.targetAfter.phone == "+380501112233")
        #expect(record.targetLabels == ["vip"])
        #expect(record.sourceLabels == ["vip", "wholesale"])
    }

    @Test func recordJSONKeepsItsStoredKeys() throws {
        let json = String(decoding: try JSONEncoder().encode(try merge().record), as: UTF8.self)
        for key in ["identityIDs", "targetBefore", "targetAfter", "targetLabels", "sourceLabels", "preferredName", "notes", "phone", "language"] {
            #expect(json.contains("\"\(key)\""))
        }
    }

    @Test func mergeEventsCarryTheStoredMergeIDAndTheUpdatedTarget() throws {
        let merge = try merge()
        let events = merge.events(mergeID: 9, reason: .manual, at: now)
        #expect(events.map(\.kind) == [.contactMerged, .contactUpdated])
        #expect(events[0].payload == .merge(MergePayload(mergeID: 9, targetID: olga.id, sourceID: viberOlga.id, reason: .manual)))
        #expect(events[1].payload == .contact(merge.target))
    }

    @Test func invalidMergesAreRefused() {
        let side = ContactMergeRule.Side(contact: olga)
        #expect(throws: StoreError.invalid("a contact cannot be merged with itself")) {
            try ContactMergeRule.merge(into: olga.id, from: olga.id, target: side, source: side, identityIDs: [])
        }
        #expect(throws: StoreError.notFound("contact \(viberOlga.id)")) {
            try ContactMergeRule.merge(into: olga.id, from: viberOlga.id, target: side, source: nil, identityIDs: [])
        }
        let mergedAway = ContactMergeRule.Side(contact: viberOlga, mergedInto: ContactID(3))
        #expect(throws: StoreError.invalid("contact \(viberOlga.id) was merged into another")) {
            try ContactMergeRule.merge(into: olga.id, from: viberOlga.id, target: side, source: mergedAway, identityIDs: [])
        }
    }

    func stored(_ merge: ContactMergeRule.Merge) -> ContactMerge {
        ContactMerge(id: 9, targetID: olga.id, sourceID: viberOlga.id, reason: .manual, operatorID: nil, identityIDs: [IdentityID(5)], mergedAt: now)
    }

    @Test func undoRestoresFieldsNobodyEditedSince() throws {
        let merge = try merge()
        // Given an operator corrected the phone after the merge
        var edited = merge.target
        edited.phone = "+380509998877"
        let undo = try ContactMergeRule.undo(stored(merge), record: merge.record, target: .init(contact: edited), source: viberOlga, at: now)
        // Then the phone stays, and the language and notes go back
        #expect(undo.target.phone == "+380509998877")
        #expect(undo.target.language == nil)
        #expect(undo.target.notes == "VIP")
        #expect(undo.removedLabels == ["wholesale"])
        #expect(undo.events.map(\.kind) == [.contactUnmerged, .contactUpdated, .contactUpdated])
        #expect(undo.events.map(\.contactID) == [olga.id, olga.id, viberOlga.id])
        #expect(undo.events[1].payload == .contact(undo.target))
    }

    @Test func undoneOrRemergedMergeCannotBeUndone() throws {
        let merge = try merge()
        var undone = stored(merge)
        undone.undoneAt = now
        #expect(throws: StoreError.invalid("this merge was undone already")) {
            try ContactMergeRule.undo(undone, record: merge.record, target: .init(contact: merge.target), source: viberOlga, at: now)
        }
        let remerged = ContactMergeRule.Side(contact: merge.target, mergedInto: ContactID(4))
        #expect(throws: StoreError.invalid("the contact was merged into another since; undo that merge first")) {
            try ContactMergeRule.undo(stored(merge), record: merge.record, target: remerged, source: viberOlga, at: now)
        }
    }
}
