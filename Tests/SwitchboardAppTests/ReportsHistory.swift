import Foundation
import HTTPTypes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport

/// A small history with hand-computed figures, seeded through the store's own operations at fixed
/// times (all on Tuesday 2026-03-10 and Wednesday 2026-03-11; Berlin is UTC+1 then).
struct ReportsHistory {
    let anna: Operator
    let boss: Operator
    /// C1 simple, C2 no operator reply, C3 reopened, C4 at 23:30Z (the next day in Berlin), C5 replies across breaks.
    let conversations: [ConversationID]

    /// Monday–Friday 09:00–13:00 and 14:00–18:00, Berlin.
    static let hours = BusinessHours(
        timeZone: "Europe/Berlin",
        week: Dictionary(
            uniqueKeysWithValues: ["monday", "tuesday", "wednesday", "thursday", "friday"].map {
                ($0, [BusinessHours.Interval(open: "09:00", close: "13:00"), BusinessHours.Interval(open: "14:00", close: "18:00")])
            }
        )
    )

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func seed(_ harness: InboxHarness) async throws -> ReportsHistory {
        let store = harness.switchboard.store
        let anna = try await harness.addOperator("anna")
        let boss = try await harness.addOperator("boss", role: .supervisor)
        var patch = AutomationSettingsPatch(welcomeEnabled: false, operatorGreetingEnabled: false, autoCloseMinutes: 0, feedbackEnabled: false)
        patch.businessHours = .init(alwaysOpen: false, schedule: hours)
        try await store.saveAutomationSettingsPatch(patch, channel: nil, at: Date())

        func write(_ user: String, _ time: String) async throws -> ConversationID {
            try await harness.clientWrites("hello", from: user, name: "Client \(user.dropFirst(2))", at: at(time))
        }
        func take(_ id: ConversationID, _ time: String) async throws {
            _ = try await store.assign(id, to: anna.id, by: boss.id, note: nil, at: at(time))
        }
        func reply(_ id: ConversationID, _ time: String) async throws {
            _ = try await store.enqueueReply(ReplyDraft(conversationID: id, operatorID: anna.id, text: "on it"), at: at(time))
        }
        func resolve(_ id: ConversationID, _ time: String) async throws {
            _ = try await store.transition(id, .resolve, at: at(time))
        }

        // C1: opened 08:00, taken 08:01, reply 08:05, a note 08:07 (not a reply), client 08:10 and 08:12, reply 08:20, resolved 08:30.
        let c1 = try await write("u-1", "2026-03-10T08:00:00Z")
        try await take(c1, "2026-03-10T08:01:00Z")
        try await reply(c1, "2026-03-10T08:05:00Z")
        _ = try await store.addNote(conversationID: c1, operatorID: anna.id, text: "note", at: at("2026-03-10T08:07:00Z"))
        _ = try await write("u-1", "2026-03-10T08:10:00Z")
        _ = try await write("u-1", "2026-03-10T08:12:00Z")
        try await reply(c1, "2026-03-10T08:20:00Z")
        try await resolve(c1, "2026-03-10T08:30:00Z")
        // C2: opened 09:00, nobody replies, resolved 09:30.
        let c2 = try await write("u-2", "2026-03-10T09:00:00Z")
        try await resolve(c2, "2026-03-10T09:30:00Z")
        // C3: opened 10:00, taken 10:02, reply 10:10, resolved 10:20; the client reopens it at 10:40
        // (Anna is offline, so it goes back to the queue), taken 10:45, reply 10:50, resolved 11:00.
        let c3 = try await write("u-3", "2026-03-10T10:00:00Z")
        try await take(c3, "2026-03-10T10:02:00Z")
        try await reply(c3, "2026-03-10T10:10:00Z")
        try await resolve(c3, "2026-03-10T10:20:00Z")
        _ = try await write("u-3", "2026-03-10T10:40:00Z")
        try await take(c3, "2026-03-10T10:45:00Z")
        try await reply(c3, "2026-03-10T10:50:00Z")
        try await resolve(c3, "2026-03-10T11:00:00Z")
        // C4: 23:30Z is 00:30 on Wednesday in Berlin: taken 23:31, reply 23:40, left open.
        let c4 = try await write("u-4", "2026-03-10T23:30:00Z")
        try await take(c4, "2026-03-10T23:31:00Z")
        try await reply(c4, "2026-03-10T23:40:00Z")
        // C5: 12:50 Berlin, taken 12:51, reply 14:10 (lunch break 13–14 in between); the client writes
        // at 17:50 Berlin and Anna replies at 09:10 the next morning; resolved 09:20 Berlin.
        let c5 = try await write("u-5", "2026-03-10T11:50:00Z")
        try await take(c5, "2026-03-10T11:51:00Z")
        try await reply(c5, "2026-03-10T13:10:00Z")
        _ = try await write("u-5", "2026-03-10T16:50:00Z")
        try await reply(c5, "2026-03-11T08:10:00Z")
        try await resolve(c5, "2026-03-11T08:20:00Z")

        // Feedback as the in-messenger questions leave it: C1 yes/5, C2 no/1 with a formula-like comment, C3 asked only.
        let inspector = try DatabaseInspector(path: harness.directory.path("switchboard.sqlite"))
        defer { try? inspector.close() }
        let c1Done = at("2026-03-10T08:31:00Z").timeIntervalSince1970
        let c2Asked = at("2026-03-10T09:30:00Z").timeIntervalSince1970
        let c3Asked = at("2026-03-10T11:00:00Z").timeIntervalSince1970
        try inspector.execute(
            """
            INSERT INTO conversation_feedback (conversation_id, stage, resolved, score, comment, asked_at, updated_at) VALUES
                (\(c1), 'done', 1, 5, NULL, \(c1Done - 60), \(c1Done)),
                (\(c2), 'done', 0, 1, '=cmd|'' /C calc''!A0, "slow"', \(c2Asked), \(c2Asked + 120)),
                (\(c3), 'asked_resolved', NULL, NULL, NULL, \(c3Asked), \(c3Asked))
            """
        )
        // Presence as the presence feature logs it: online 08:00–13:00 Berlin, away 13:00–13:30, online
        // 13:30–18:00, then offline. Written to the log directly: the live presence sweeper (real clock)
        // would otherwise time Anna out between these past-dated changes.
        let log = [
            ("online", "2026-03-10T07:00:00Z"), ("away", "2026-03-10T12:00:00Z"), ("online", "2026-03-10T12:30:00Z"),
            ("offline", "2026-03-10T17:00:00Z"),
        ]
        for (status, time) in log {
            try inspector.execute(
                "INSERT INTO presence_log (operator_id, status, at, reason) VALUES (\(anna.id), '\(status)', \(at(time).timeIntervalSince1970), 'manual')"
            )
        }
        return ReportsHistory(anna: anna, boss: boss, conversations: [c1, c2, c3, c4, c5])
    }
}
