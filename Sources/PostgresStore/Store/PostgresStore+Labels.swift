public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func replyConversation(contactID: ContactID, identityID: IdentityID?) async throws -> ConversationID? {
        try await read { db in
            let identity: Int64?
            if let identityID {
                identity = try await db.value(
                    Int64.self,
                    sql: "SELECT id FROM identities WHERE id = ? AND contact_id = ?",
                    arguments: [identityID.rawValue, contactID.rawValue]
                )
            } else {
                identity = try await db.value(
                    Int64.self,
                    sql: """
                        SELECT c.identity_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE c.contact_id = ? AND m.direction = 'in' ORDER BY m.id DESC LIMIT 1
                        """,
                    arguments: [contactID.rawValue]
                )
            }
            guard let identity else { return nil }
            return try await db.value(Int64.self, sql: "SELECT MAX(id) FROM conversations WHERE identity_id = ?", arguments: [identity])
                .map(ConversationID.init)
        }
    }

    public func setLabels(_ labels: [String], onContact contactID: ContactID, at now: Date) async throws -> [Event] {
        try await write { db in
            guard try await db.row(sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [contactID.rawValue]) != nil else {
                throw StoreError.notFound("contact \(contactID)")
            }
            try await db.execute(sql: "DELETE FROM contact_labels WHERE contact_id = ?", arguments: [contactID.rawValue])
            let labels = LabelsPayload.normalized(labels)
            for label in labels {
                try await db.execute(
                    sql: "INSERT INTO contact_labels (contact_id, label) VALUES (?, ?)",
                    arguments: [contactID.rawValue, label]
                )
            }
            var events = EventAppender(db)
            try await events.append(
                .labelsChanged,
                at: now,
                contact: contactID,
                payload: LabelsPayload(contactID: contactID, labels: labels)
            )
            return events.appended
        }
    }

    public func setLabels(_ labels: [String], onConversation conversationID: ConversationID, at now: Date) async throws -> [Event] {
        try await write { db in
            guard let conversation = try await Self.fetchConversation(db, conversationID) else {
                throw StoreError.notFound("conversation \(conversationID)")
            }
            try await db.execute(sql: "DELETE FROM conversation_labels WHERE conversation_id = ?", arguments: [conversationID.rawValue])
            let labels = LabelsPayload.normalized(labels)
            for label in labels {
                try await db.execute(
                    sql: "INSERT INTO conversation_labels (conversation_id, label) VALUES (?, ?)",
                    arguments: [conversationID.rawValue, label]
                )
            }
            var events = EventAppender(db)
            try await events.append(
                .labelsChanged,
                at: now,
                contact: conversation.contactID,
                conversation: conversationID,
                payload: LabelsPayload(conversationID: conversationID, labels: labels)
            )
            return events.appended
        }
    }

    public func labels(ofContact contactID: ContactID) async throws -> [String] {
        try await read { db in
            try await db.values(
                String.self,
                sql: "SELECT label FROM contact_labels WHERE contact_id = ? ORDER BY label",
                arguments: [contactID.rawValue]
            )
        }
    }

    public func labels(ofConversation conversationID: ConversationID) async throws -> [String] {
        try await read { db in
            try await db.values(
                String.self,
                sql: "SELECT label FROM conversation_labels WHERE conversation_id = ? ORDER BY label",
                arguments: [conversationID.rawValue]
            )
        }
    }

    public func conversations(
        labeled label: String,
        _ filter: ConversationFilter,
        viewer: Viewer,
        after cursor: ConversationCursor?,
        limit: Int
    )
        async throws -> [ConversationSummary]
    {
        try await read { db in
            let visible = InboxSQL.visibility(viewer)
            let queue = InboxSQL.filter(filter, viewer: viewer)
            var conditions = [
                visible.sql, queue.sql,
                """
                (EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = ?)
                 OR EXISTS (SELECT 1 FROM contact_labels l WHERE l.contact_id = c.contact_id AND l.label = ?))
                """,
            ]
            var arguments = visible.arguments + queue.arguments + [label, label]
            if let cursor {
                conditions.append("(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))")
                let at = cursor.lastMessageAt.timeIntervalSince1970
                arguments += [at, at, cursor.id.rawValue]
            }
            arguments.append(limit)
            let sql =
                InboxSQL.summarySelect + " WHERE " + conditions.joined(separator: " AND ")
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?"
            return try await db.rows(sql: sql, arguments: arguments).map(RowDecoding.summary)
        }
    }
}
