import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

/// Passwords bcrypt would cut or that hold NUL are refused wherever a password is set.
@Suite struct PasswordRuleAPITests {
    @Test func passwordsOver72BytesOrWithNULAreRefusedWhereverTheyAreSet() async throws {
        try await InboxHarness.run { harness, client in
            let admin = try await harness.addOperator("root", role: .admin)
            let session = try await harness.signIn(client, "root")
            let long = String(repeating: "a", count: 73)

            let create: [String: Any] = ["login": "petro", "displayName": "Petro", "password": long, "role": "operator"]
            let created = try await harness.send(client, .post, "/api/v1/operators", as: session, json: create)
            #expect(created.status == .badRequest)
            #expect(created.errorCode == "weak_password")

            let reset = try await harness.send(
                client,
                .post,
                "/api/v1/operators/\(admin.id)/password",
                as: session,
                json: ["password": "secret\u{0}word"]
            )
            #expect(reset.status == .badRequest)
            #expect(reset.errorCode == "weak_password")

            let change = try await harness.send(client, .put, "/api/v1/session/password", as: session, json: ["current": "password123", "new": long])
            #expect(change.status == .badRequest)
            #expect(change.json.description.contains("72 bytes"))
        }
    }
}
