import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@Suite struct SessionAPITests {
    @Test func signInSetsASafeCookieAndSignOutEndsTheSession() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let reply = try await harness.send(client, .post, "/api/v1/session", json: ["login": "maria", "password": "password123"])
            let cookie = try #require(reply.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            #expect((reply.json["operator"] as? [String: Any])?["login"] as? String == "maria")

            let session = try await harness.signIn(client, "maria")
            #expect(try await harness.send(client, .get, "/api/v1/session", as: session).status == .ok)
            #expect(try await harness.send(client, .delete, "/api/v1/session", as: session).status == .noContent)
            let after = try await harness.send(client, .get, "/api/v1/session", as: session)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "unauthenticated")
        }
    }

    @Test func wrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            for _ in 0..<5 {
                let reply = try await harness.send(client, .post, "/api/v1/session", json: ["login": "maria", "password": "nope"])
                #expect(reply.status == .unauthorized)
                #expect(reply.errorCode == "invalid_credentials")
            }
            let throttled = try await harness.send(client, .post, "/api/v1/session", json: ["login": "maria", "password": "password123"])
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.errorCode == "too_many_attempts")
            #expect(throttled.headers[.retryAfter] != nil)
        }
    }

    @Test func malformedSignInIsA400() async throws {
        try await InboxHarness.run { harness, client in
            let reply = try await harness.send(
                client,
                .post,
                "/api/v1/session",
                raw: Data("{login:".utf8),
                headers: [.contentType: "application/json"]
            )
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "invalid_json")
        }
    }

    @Test func everyAPIRouteNeedsASession() async throws {
        try await InboxHarness.run { harness, client in
            let conversation = try await harness.clientWrites("hi")
            let routes: [(HTTPRequest.Method, String)] = [
                (.get, "/api/v1/queues"), (.get, "/api/v1/conversations"), (.get, "/api/v1/conversations/\(conversation)"),
                (.get, "/api/v1/conversations/\(conversation)/messages"), (.post, "/api/v1/conversations/\(conversation)/messages"),
                (.post, "/api/v1/conversations/\(conversation)/take"), (.get, "/api/v1/canned-replies"), (.get, "/api/v1/search?q=hi"),
                (.get, "/api/v1/operators"), (.get, "/api/v1/contacts/1"), (.post, "/api/v1/uploads"), (.get, "/api/v1/media/uploads/x"),
                (.get, "/api/v1/stream"),
            ]
            for (method, uri) in routes {
                let reply = try await harness.send(client, method, uri, json: method == .post ? ["text": "x"] : nil)
                #expect(reply.status == .unauthorized, "\(method) \(uri)")
            }
        }
    }

    @Test func inboxPageIsServedWithAContentSecurityPolicyForbiddingInlineScript() async throws {
        try await InboxHarness.run { harness, client in
            let reply = try await harness.send(client, .get, "/healthz")
            let policy = try #require(reply.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(reply.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
        }
    }

    @Test func onlyAdminsCreateOperators() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            _ = try await harness.addOperator("maria")
            let admin = try await harness.signIn(client, "root")
            let agent = try await harness.signIn(client, "maria")
            let body: [String: Any] = ["login": "petro", "displayName": "Petro", "password": "longenough", "role": "operator"]

            #expect(try await harness.send(client, .post, "/api/v1/operators", as: agent, json: body).status == .forbidden)
            #expect(try await harness.send(client, .post, "/api/v1/operators", as: admin, json: body, csrf: false).status == .forbidden)
            #expect(try await harness.send(client, .post, "/api/v1/operators", as: admin, json: body).status == .created)
            #expect(try await harness.send(client, .post, "/api/v1/operators", as: admin, json: body).status == .conflict)
            let list = try await harness.send(client, .get, "/api/v1/operators", as: agent)
            #expect(list.items.compactMap { $0["login"] as? String }.sorted() == ["maria", "petro", "root"])
            #expect(try await harness.signIn(client, "petro", password: "longenough").operatorID.rawValue > 0)
        }
    }
}
