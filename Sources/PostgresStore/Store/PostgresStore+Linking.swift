public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func issueLinkCode(_ code: String, for identityID: IdentityID, at now: Date, lifetime: TimeInterval) async throws {
        try await write { db in
            let at = now.timeIntervalSince1970
            try await db.execute(
                sql: "DELETE FROM link_codes WHERE identity_id = ? OR expires_at <= ? OR used_at IS NOT NULL",
                arguments: [identityID.rawValue, at]
            )
            try await Self.mapConstraint("link code") {
                try await db.execute(
                    sql: "INSERT INTO link_codes (code, identity_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    arguments: [code, identityID.rawValue, at, at + lifetime]
                )
            }
        }
    }

    public func redeemLinkCode(_ code: String, by identityID: IdentityID, at now: Date) async throws -> (LinkOutcome, [Event]) {
        try await write { db in
            let at = now.timeIntervalSince1970
            guard
                let redeemer = try await db.value(
                    Int64.self,
                    sql: "SELECT contact_id FROM identities WHERE id = ?",
                    arguments: [identityID.rawValue]
                )
            else { throw StoreError.notFound("identity \(identityID)") }
            let snapshot = LinkCodeRedemption.Snapshot(
                otherLiveCodes: try await db.row(
                    sql: "SELECT 1 FROM link_codes WHERE used_at IS NULL AND expires_at > ? AND identity_id != ? LIMIT 1",
                    arguments: [at, identityID.rawValue]
                ) != nil,
                recentFailures: try await db.value(
                    Int.self,
                    sql: "SELECT COUNT(*) FROM link_attempts WHERE identity_id = ? AND attempted_at > ?",
                    arguments: [identityID.rawValue, at - LinkCodeRules.attemptWindow]
                ) ?? 0,
                codeOwner: try await db.value(
                    Int64.self,
                    sql: """
                        SELECT i.contact_id FROM link_codes l JOIN identities i ON i.id = l.identity_id
                        WHERE l.code = ? AND l.used_at IS NULL AND l.expires_at > ? AND l.identity_id != ?
                        """,
                    arguments: [code, at, identityID.rawValue]
                ).map(ContactID.init),
                redeemer: ContactID(redeemer)
            )
            let redemption = LinkCodeRedemption.decide(snapshot)
            if redemption == .wrongCode {
                try await db.execute(
                    sql: "INSERT INTO link_attempts (identity_id, attempted_at) VALUES (?, ?)",
                    arguments: [identityID.rawValue, at]
                )
            }
            if redemption.usesCode {
                try await db.execute(sql: "UPDATE link_codes SET used_at = ? WHERE code = ?", arguments: [at, code])
            }
            switch redemption {
            case .notACode: return (.notACode, [])
            case .rateLimited: return (.rateLimited, [])
            case .wrongCode: return (.wrongCode, [])
            case .alreadyLinked: return (.alreadyLinked, [])
            case .merge(let target, let source):
                var merger = ContactMerger(db)
                let merge = try await merger.merge(into: target, from: source, reason: .code, by: nil, at: now)
                return (.linked(merge), merger.events.appended)
            }
        }
    }

    public func mergeContacts(
        into target: ContactID,
        from source: ContactID,
        reason: MergeReason,
        by operatorID: OperatorID?,
        at now: Date
    )
        async throws -> (ContactMerge, [Event])
    {
        try await write { db in
            var merger = ContactMerger(db)
            let merge = try await merger.merge(into: target, from: source, reason: reason, by: operatorID, at: now)
            return (merge, merger.events.appended)
        }
    }

    public func undoMerge(_ id: Int64, at now: Date) async throws -> (ContactMerge, [Event]) {
        try await write { db in
            var merger = ContactMerger(db)
            let merge = try await merger.undo(id, at: now)
            return (merge, merger.events.appended)
        }
    }

    public func merges(into contactID: ContactID) async throws -> [ContactMerge] {
        try await read { db in
            try await db.rows(
                sql: "SELECT * FROM contact_merges WHERE target_id = ? AND undone_at IS NULL ORDER BY id DESC",
                arguments: [contactID.rawValue]
            ).map(ContactMerger.merge)
        }
    }

    public func phoneMatches(of contactID: ContactID) async throws -> [ContactRef] {
        try await read { db in
            try await db.rows(
                sql: """
                    SELECT DISTINCT ct.id, ct.display_name, ct.preferred_name
                    FROM identities mine
                    JOIN identities other ON other.verified_phone = mine.verified_phone AND other.contact_id != mine.contact_id
                    JOIN contacts ct ON ct.id = other.contact_id AND ct.merged_into IS NULL
                    WHERE mine.contact_id = ? AND mine.verified_phone IS NOT NULL
                    ORDER BY ct.id
                    """,
                arguments: [contactID.rawValue]
            ).map { try ContactRef(id: ContactID($0["id"]), displayName: $0["display_name"], preferredName: $0["preferred_name"]) }
        }
    }

    public func setAskingAddress(_ contactID: ContactID, _ asking: Bool) async throws {
        try await write { db in
            let changed = try await db.changes(
                sql: "UPDATE contacts SET asking_address = ? WHERE id = ?",
                arguments: [asking, contactID.rawValue]
            )
            guard changed > 0 else { throw StoreError.notFound("contact \(contactID)") }
        }
    }

    public func enqueueBotMessage(
        in conversationID: ConversationID,
        text: String,
        requestPhone: Bool,
        at now: Date
    ) async throws -> EnqueuedReply {
        try await write { db in try await Self.queueBotMessage(db, in: conversationID, text: text, requestPhone: requestPhone, at: now) }
    }
}
