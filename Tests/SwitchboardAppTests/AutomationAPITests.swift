import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Admins edit the automation's settings and texts over the API; everyone else is refused.
@Suite struct AutomationAPITests {
    @Test func onlyAdminsSeeOrChangeTheAutomation() async throws {
        try await InboxHarness.run(automation: true) { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let maria = try await harness.signIn(client, "maria")
            let sofia = try await harness.signIn(client, "sofia")
            let channelURI = "/api/v1/channels/\(harness.channel.id)/automation"

            for session in [maria, sofia] {
                #expect(try await harness.send(client, .get, "/api/v1/automation", as: session).status == .forbidden)
                #expect(try await harness.send(client, .patch, channelURI, as: session, json: ["autoCloseMinutes": 5]).status == .forbidden)
                #expect(
                    try await harness.send(client, .put, "/api/v1/automation/texts/welcome/en", as: session, json: ["text": "Hi"]).status
                        == .forbidden
                )
            }
            #expect(try await harness.send(client, .get, "/api/v1/automation").status == .unauthorized)
            #expect(try await harness.switchboard.store.automationSettingsPatch(channel: harness.channel.id) == nil)
            #expect(try await harness.switchboard.store.automationTextOverrides(channel: nil).isEmpty)
        }
    }

    @Test func adminsChangeTimersPerChannelOverGlobalDefaults() async throws {
        try await InboxHarness.run(automation: true) { harness, client in
            _ = try await harness.addOperator("anna", role: .admin)
            let anna = try await harness.signIn(client, "anna")
            let channelURI = "/api/v1/channels/\(harness.channel.id)/automation"

            let initial = try await harness.send(client, .get, "/api/v1/automation", as: anna)
            #expect(initial.status == .ok)
            #expect((initial.json["effective"] as? [String: Any])?["autoCloseMinutes"] as? Int == 30)
            #expect((initial.json["texts"] as? [[String: Any]])?.count == AutomationText.allCases.count * 3)

            let global = try await harness.send(
                client,
                .patch,
                "/api/v1/automation",
                as: anna,
                json: ["autoCloseMinutes": 45, "feedbackEnabled": false]
            )
            #expect(global.status == .ok)
            let channel = try await harness.send(client, .patch, channelURI, as: anna, json: ["autoCloseMinutes": 10])
            let effective = try #require(channel.json["effective"] as? [String: Any])
            #expect(effective["autoCloseMinutes"] as? Int == 10)
            #expect(effective["feedbackEnabled"] as? Bool == false)
            #expect((channel.json["settings"] as? [String: Any])?["feedbackEnabled"] == nil)

            let hours: [String: Any] = [
                "alwaysOpen": false,
                "schedule": ["timeZone": "Europe/Kyiv", "week": ["monday": [["open": "09:00", "close": "18:00"]]], "holidays": ["2027-01-01"]],
            ]
            #expect(try await harness.send(client, .patch, channelURI, as: anna, json: ["businessHours": hours]).status == .ok)
            let stored = try #require(try await harness.switchboard.store.automationSettingsPatch(channel: harness.channel.id))
            #expect(stored.autoCloseMinutes == 10 && stored.businessHours?.schedule?.timeZone == "Europe/Kyiv")
        }
    }

    @Test(arguments: [
        #"{"autoCloseMinutes": -5}"#,
        #"{"autoCloseMinutes": 100000}"#,
        #"{"autoCloseMinutes": "soon"}"#,
        #"{"autoCloseMinute": 5}"#,
        #"{"businessHours": {"alwaysOpen": false}}"#,
        #"{"businessHours": {"alwaysOpen": false, "schedule": {"timeZone": "Nowhere/City", "week": {}, "holidays": []}}}"#,
        #"{"businessHours": {"alwaysOpen": false, "schedule": {"timeZone": "UTC", "week": {"monday": [{"open": "18:00", "close": "09:00"}]}, "holidays": []}}}"#,
        #"[1, 2]"#,
        #"{"welcomeEnabled": true"#,
    ])
    func badSettingsAreRefusedAndChangeNothing(body: String) async throws {
        try await InboxHarness.run(automation: true) { harness, client in
            _ = try await harness.addOperator("anna", role: .admin)
            let anna = try await harness.signIn(client, "anna")

            let reply = try await harness.send(
                client,
                .patch,
                "/api/v1/channels/\(harness.channel.id)/automation",
                as: anna,
                raw: Data(body.utf8),
                headers: [.contentType: "application/json"]
            )

            #expect(reply.status == .badRequest)
            #expect((reply.json["error"] as? [String: Any])?["code"] != nil)
            #expect(try await harness.switchboard.store.automationSettingsPatch(channel: harness.channel.id) == nil)
        }
    }

    @Test func adminsEditAndResetTextsWithKnownPlaceholdersOnly() async throws {
        try await InboxHarness.run(automation: true) { harness, client in
            _ = try await harness.addOperator("anna", role: .admin)
            let anna = try await harness.signIn(client, "anna")
            let uri = "/api/v1/automation/texts/operator_greeting/uk"

            let saved = try await harness.send(client, .put, uri, as: anna, json: ["text": "Привіт, {client_name}! Я {operator_name}."])
            #expect(saved.status == .ok)
            let texts = try #require(saved.json["texts"] as? [[String: Any]])
            let greeting = texts.first { $0["kind"] as? String == "operator_greeting" && $0["language"] as? String == "uk" }
            #expect(greeting?["source"] as? String == "global")

            #expect(try await harness.send(client, .put, uri, as: anna, json: ["text": "Hi {name}"]).status == .badRequest)
            #expect(try await harness.send(client, .put, uri, as: anna, json: ["text": "  "]).status == .badRequest)
            #expect(try await harness.send(client, .put, uri, as: anna, json: ["text": String(repeating: "a", count: 501)]).status == .badRequest)
            #expect(try await harness.send(client, .put, "/api/v1/automation/texts/greeting/uk", as: anna, json: ["text": "Hi"]).status == .notFound)
            #expect(try await harness.send(client, .put, "/api/v1/automation/texts/welcome/de", as: anna, json: ["text": "Hi"]).status == .notFound)
            #expect(
                try await harness.send(client, .put, "/api/v1/channels/999/automation/texts/welcome/en", as: anna, json: ["text": "Hi"]).status
                    == .notFound
            )
            #expect(
                try await harness.switchboard.store.automationTextOverrides(channel: nil).map(\.text) == ["Привіт, {client_name}! Я {operator_name}."]
            )

            #expect(try await harness.send(client, .delete, uri, as: anna).status == .ok)
            #expect(try await harness.switchboard.store.automationTextOverrides(channel: nil).isEmpty)
        }
    }

    @Test func theConversationViewShowsTheFeedback() async throws {
        try await InboxHarness.run(automation: true) { harness, client in
            _ = try await harness.addOperator("maria")
            let maria = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("hi")
            let store = harness.switchboard.store
            _ = try await store.transition(conversation, .resolve, at: Date())
            _ = try await store.startFeedback(conversation, at: Date())
            _ = try await harness.switchboard.router.ingest(InboundEvents.event(.buttonPress(action: "fb:resolved:no"), channel: harness.channel.id))
            _ = try await harness.switchboard.router.ingest(InboundEvents.event(.buttonPress(action: "fb:score:4"), channel: harness.channel.id))

            let detail = try await harness.send(client, .get, "/api/v1/conversations/\(conversation)", as: maria).json
            let feedback = try #require(detail["feedback"] as? [String: Any])
            #expect(feedback["stage"] as? String == "done")
            #expect(feedback["resolved"] as? Bool == false)
            #expect(feedback["score"] as? Int == 4)
        }
    }
}
