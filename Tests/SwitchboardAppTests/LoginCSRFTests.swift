import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

/// A cross-site form can neither sign a browser in nor reach a JSON route.
@Suite struct LoginCSRFTests {
    @Test func signInTakesOnlyJSONFromTheDesksOwnOrigin() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let body = Data(#"{"login":"maria","password":"password123"}"#.utf8)

            let form = try await harness.send(client, .post, "/api/v1/session", raw: body, headers: [.contentType: "text/plain"])
            #expect(form.status == .unsupportedMediaType)
            #expect(form.headers[.setCookie] == nil)

            let foreign: HTTPFields = [.contentType: "application/json", .origin: "https://evil.example"]
            let crossSite = try await harness.send(client, .post, "/api/v1/session", raw: body, headers: foreign)
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.errorCode == "bad_origin")

            let own: HTTPFields = [.contentType: "application/json", .origin: "http://localhost"]
            #expect(try await harness.send(client, .post, "/api/v1/session", raw: body, headers: own).status == .ok)
        }
    }

    @Test func jsonRoutesRefuseOtherContentTypesButUploadsDoNot() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("hi")

            let reply = try await harness.send(
                client,
                .post,
                "/api/v1/conversations/\(conversation)/messages",
                as: session,
                raw: Data(#"{"text":"hello"}"#.utf8),
                headers: [.contentType: "text/plain"]
            )
            #expect(reply.status == .unsupportedMediaType)
            #expect(reply.errorCode == "unsupported_media_type")

            let upload = try await harness.send(
                client,
                .post,
                "/api/v1/uploads",
                as: session,
                raw: Data("notes".utf8),
                headers: [.contentType: "text/plain"]
            )
            #expect(upload.status == .created)
        }
    }
}
