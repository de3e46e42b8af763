import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardApp
import TestSupport
import Testing

@Suite struct HealthEndpointTests {
    func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        let (app, _) = try buildApplication(config: config)
        try await app.test(.live, body)
    }

    @Test func serverAnswersHealthAndReadinessOverRealHTTP() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ready"}"#)
            }
        }
    }

    @Test func unknownRouteGetsAJSONError() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: [String: String]]
                #expect(body?["error"]?["code"] == "not_found")
            }
        }
    }

    @Test func databaseFileIsCreatedOnFirstRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("fresh.sqlite")
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try buildApplication(config: AppConfig(port: 0, databasePath: path))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    struct Unexpected: Error {}

    @Test func anUnexpectedFailureIsAJSON500WithoutItsDetail() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let failing = RouteCollection(context: AppRequestContext.self)
        failing.get("api/v1/broken") { _, _ -> String in throw Unexpected() }
        let config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        let (app, _) = try buildApplication(config: config, extraRoutes: [failing])
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/broken", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: [String: String]]
                #expect(body?["error"]?["code"] == "internal")
                #expect(!String(buffer: response.body).contains("Unexpected"))
            }
        }
    }
}
