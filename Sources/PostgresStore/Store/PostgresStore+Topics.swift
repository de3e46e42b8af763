public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func topicFanOutCursor() async throws -> Int64 {
        try await read { db in try await db.value(Int64.self, sql: "SELECT cursor_seq FROM topic_fan_out WHERE id = 1") ?? 0 }
    }

    public func topicFanOutSnapshot(for events: [Event]) async throws -> TopicFanOut.Snapshot {
        let conversations = Set(events.compactMap(\.conversationID)).map(\.rawValue)
        let messages = Set(events.compactMap(\.messageID)).map(\.rawValue)
        return try await read { db in
            var channelOf: [ConversationID: ChannelID] = [:]
            for row in try await db.rows(sql: "SELECT id, channel_id FROM conversations WHERE id = ANY(?)", arguments: [conversations]) {
                channelOf[ConversationID(try row["id"])] = ChannelID(try row["channel_id"])
            }
            let fromTopic = try await db.values(
                Int64.self,
                sql: "SELECT message_id FROM topic_messages WHERE message_id = ANY(?)",
                arguments: [messages]
            )
            return TopicFanOut.Snapshot(channelOf: channelOf, fromTopic: Set(fromTopic.map(MessageID.init)))
        }
    }

    public func enqueueTopicJobs(_ drafts: [TopicJobDraft], through seq: Int64) async throws {
        try await write { db in
            for draft in drafts { try await Self.insertTopicJob(db, draft) }
            try await db.execute(sql: "UPDATE topic_fan_out SET cursor_seq = GREATEST(cursor_seq, ?) WHERE id = 1", arguments: [seq])
        }
    }

    /// Queues one job; a second job with the same `source` is ignored.
    static func insertTopicJob(_ db: Session, _ draft: TopicJobDraft) async throws {
        let (kind, messageID, text): (String, Int64?, String?) =
            switch draft.kind {
            case .mirror(let id): ("mirror", id.rawValue, nil)
            case .close: ("close", nil, nil)
            case .reopen: ("reopen", nil, nil)
            case .notice(let text): ("notice", nil, text)
            }
        try await db.execute(
            sql: """
                INSERT INTO topic_jobs (channel_id, conversation_id, thread_id, kind, message_id, text, source, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source) DO NOTHING
                """,
            arguments: [
                draft.channelID.rawValue, draft.conversationID?.rawValue, draft.threadID, kind, messageID, text, draft.source,
                draft.queuedAt.timeIntervalSince1970,
            ]
        )
    }

    /// The head of each line: a conversation's oldest job, or the oldest notice of a thread outside conversations.
    private static let topicLineHeads = """
        SELECT j.* FROM topic_jobs j
        JOIN channels c ON c.id = j.channel_id
        WHERE c.paused = 0
          AND j.id = (SELECT MIN(j2.id) FROM topic_jobs j2
                      WHERE j2.channel_id = j.channel_id
                        AND j2.conversation_id IS NOT DISTINCT FROM j.conversation_id
                        AND (j.conversation_id IS NOT NULL OR j2.thread_id IS NOT DISTINCT FROM j.thread_id))
        """

    /// Claims with `FOR UPDATE SKIP LOCKED`: a dispatcher on another instance claiming at the same
    /// moment passes over the jobs this one is taking instead of waiting for them, and the lease
    /// (`claimed_until`) keeps them from it afterwards.
    public func claimTopicJobs(limit: Int, now: Date, lease: TimeInterval) async throws -> [TopicJob] {
        try await write { db in
            let rows = try await db.rows(
                sql: Self.topicLineHeads + """
                      AND j.next_attempt_at <= ? AND (j.claimed_until IS NULL OR j.claimed_until <= ?)
                    ORDER BY j.next_attempt_at, j.id LIMIT ?
                    FOR UPDATE OF j SKIP LOCKED
                    """,
                arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, limit]
            )
            var jobs: [TopicJob] = []
            for row in rows {
                let id: Int64 = try row["id"]
                try await db.execute(
                    sql: "UPDATE topic_jobs SET claimed_until = ? WHERE id = ?",
                    arguments: [now.addingTimeInterval(lease).timeIntervalSince1970, id]
                )
                jobs.append(try await Self.topicJob(db, row))
            }
            return jobs
        }
    }

    private static func topicJob(_ db: Session, _ row: SQLRow) async throws -> TopicJob {
        let kindName: String = try row["kind"]
        let kind: TopicJobKind =
            switch kindName {
            case "mirror": .mirror(MessageID(try row["message_id"]))
            case "close": .close
            case "reopen": .reopen
            default: .notice((try row["text"] as String?) ?? "")
            }
        var job = TopicJob(
            id: try row["id"],
            channelID: ChannelID(try row["channel_id"]),
            conversationID: (try row["conversation_id"] as Int64?).map(ConversationID.init),
            threadID: try row["thread_id"],
            kind: kind,
            partsDone: try row["parts_done"],
            attempts: try row["attempts"]
        )
        if case .mirror(let messageID) = kind,
            let message = try await db.row(
                sql: """
                    SELECT m.*, o.display_name AS author_name FROM messages m LEFT JOIN operators o ON o.id = m.author_operator_id
                    WHERE m.id = ?
                    """,
                arguments: [messageID.rawValue]
            )
        {
            job.message = try RowDecoding.message(message)
            job.authorName = try message["author_name"]
        }
        if let conversation = job.conversationID {
            job.topic = try await staffTopic(db, conversation)
            job.subject = try await topicSubject(db, conversation)
        }
        return job
    }

    static func staffTopic(_ db: Session, _ conversation: ConversationID) async throws -> StaffTopic? {
        try await db.row(sql: "SELECT * FROM staff_topics WHERE conversation_id = ?", arguments: [conversation.rawValue]).map { row in
            StaffTopic(
                conversationID: conversation,
                channelID: ChannelID(try row["channel_id"]),
                chatID: try row["chat_id"],
                threadID: try row["thread_id"],
                cardSent: try row["card_sent"]
            )
        }
    }

    /// Loads who a conversation is with: contact, their identities on every channel, the pinned context.
    private static func topicSubject(_ db: Session, _ conversation: ConversationID) async throws -> TopicSubject? {
        guard
            let row = try await db.row(
                sql: """
                    SELECT ct.display_name, ct.preferred_name, ct.language, ch.name AS channel_name, conv.context_key,
                           cx.data AS context_data
                    FROM conversations conv
                    JOIN contacts ct ON ct.id = conv.contact_id
                    JOIN channels ch ON ch.id = conv.channel_id
                    LEFT JOIN contexts cx ON cx.key = conv.context_key
                    WHERE conv.id = ?
                    """,
                arguments: [conversation.rawValue]
            )
        else { return nil }
        let messengers = try await db.rows(
            sql: """
                SELECT ch.kind, ch.name, i.username, i.profile_name, i.language FROM identities i
                JOIN channels ch ON ch.id = i.channel_id
                WHERE i.contact_id = (SELECT contact_id FROM conversations WHERE id = ?)
                ORDER BY i.id
                """,
            arguments: [conversation.rawValue]
        )
        let facts = ClientCard.Facts(
            name: try row["display_name"],
            preferredName: try row["preferred_name"],
            language: try row["language"],
            identities: try messengers.map { line in
                ClientCard.Facts.Identity(
                    kind: try line["kind"],
                    channel: try line["name"],
                    account: IdentityHandle.Account(username: try line["username"], profileName: try line["profile_name"]),
                    language: try line["language"]
                )
            },
            contextKey: try row["context_key"],
            contextData: try row["context_data"]
        )
        let card = ClientCard(facts)
        return TopicSubject(clientName: try row["display_name"], channelName: try row["channel_name"], card: card)
    }

    public func nextTopicJobDue() async throws -> Date? {
        try await read { db in
            try await db.value(
                Double.self,
                sql: "SELECT MIN(GREATEST(next_attempt_at, COALESCE(claimed_until, 0))) FROM (\(Self.topicLineHeads)) AS heads"
            )
            .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func saveStaffTopic(_ topic: StaffTopic, at now: Date) async throws {
        try await write { db in
            try await db.execute(
                sql: """
                    INSERT INTO staff_topics (conversation_id, channel_id, chat_id, thread_id, card_sent, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET channel_id = excluded.channel_id, chat_id = excluded.chat_id,
                        thread_id = excluded.thread_id, card_sent = excluded.card_sent
                    """,
                arguments: [
                    topic.conversationID.rawValue, topic.channelID.rawValue, topic.chatID, topic.threadID, topic.cardSent,
                    now.timeIntervalSince1970,
                ]
            )
        }
    }

    public func forgetStaffTopic(_ conversationID: ConversationID) async throws {
        try await write { db in
            try await db.execute(sql: "DELETE FROM staff_topics WHERE conversation_id = ?", arguments: [conversationID.rawValue])
        }
    }

    public func recordTopicJob(_ outcome: TopicJobOutcome) async throws {
        try await write { db in
            switch outcome {
            case .done(let id), .dropped(let id, _):
                try await db.execute(sql: "DELETE FROM topic_jobs WHERE id = ?", arguments: [id])
            case .retry(let id, let at, let reason, let partsDone):
                try await db.execute(
                    sql: """
                        UPDATE topic_jobs SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, last_error = ?,
                            parts_done = GREATEST(parts_done, ?) WHERE id = ?
                        """,
                    arguments: [at.timeIntervalSince1970, reason, partsDone, id]
                )
            }
        }
    }
}
