import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct OpenAPIDocumentTests {
    /// `METHOD /path` of every `/api/v1` route the server really has, in OpenAPI path form.
    func servedOperations() throws -> Set<String> {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        let switchboard = try Switchboard(config: config, logger: Logger(label: "test"))
        let router = try buildRouter(switchboard: switchboard, config: config)
        var operations: Set<String> = []
        for route in router.routes where ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(route.method.rawValue) {
            let parts = route.path.description.split(separator: "/").map { part -> String in
                if part == "**" { return "{path}" }
                return part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }
            let path = "/" + parts.joined(separator: "/")
            if path.hasPrefix("/api/v1/") { operations.insert("\(route.method.rawValue) \(path)") }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let document = try OpenAPIDocument.bundled()
        let served = try servedOperations()
        // The WebSocket stream is an upgrade, not a JSON operation, and the document describes itself.
        let notJSON: Set<String> = ["GET /api/v1/stream", "GET /api/v1/openapi.json"]
        #expect(served.count > 60)
        #expect(served.subtracting(notJSON).subtracting(document.operations).sorted() == [], "routes the document lacks")
        #expect(document.operations.subtracting(served).sorted() == [], "documented routes the server does not have")
    }

    @Test func everyOperationTakingJSONDocuments415AndSignInDocuments429() throws {
        let document = try OpenAPIDocument.bundled()
        let message = document.value["paths"]?["/api/v1/conversations/{id}/messages"]?["post"]?["responses"]
        #expect(message?["415"] != nil)
        let signIn = document.value["paths"]?["/api/v1/session"]?["post"]?["responses"]
        #expect(signIn?["415"] != nil && signIn?["429"] != nil && signIn?["400"] != nil)
        // An upload takes a file, not JSON
        #expect(document.value["paths"]?["/api/v1/uploads"]?["post"]?["responses"]?["415"] == nil)
    }

    @Test func everyReferenceResolves() throws {
        let document = try OpenAPIDocument.bundled()
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if case .string(let reference)? = members["$ref"] { references.append(reference) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document.value)
        #expect(references.count > 100)
        for reference in Set(references) {
            var node: JSONValue? = document.value
            for key in reference.dropFirst(2).split(separator: "/") { node = node?[String(key)] }
            #expect(node != nil, "\(reference) does not resolve")
        }
        #expect(document.value["openapi"] == "3.0.3")
    }

    @Test func fragmentsThatDefineTheSamePathAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let core = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /api/v1/a: {get: {responses: {'200': {description: ok}}}}\n"
        try core.write(toFile: directory.path("core.yaml"), atomically: true, encoding: .utf8)
        try #"{"paths": {"/api/v1/a": {"post": {"responses": {"200": {"description": "ok"}}}}}}"#
            .write(toFile: directory.path("other.json"), atomically: true, encoding: .utf8)
        let files = [directory.path("core.yaml"), directory.path("other.json")].map { URL(fileURLWithPath: $0) }
        #expect(throws: OpenAPIDocument.Problem.self) { try OpenAPIDocument(files: files) }
        // A status code written as a YAML number is still a text key in JSON.
        let merged = try OpenAPIDocument(files: [files[0]])
        #expect(merged.operations == ["GET /api/v1/a"])
        #expect(merged.value["paths"]?["/api/v1/a"]?["get"]?["responses"]?["200"] != nil)
    }

    @Test func theServerServesTheDocument() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        let (app, _) = try buildApplication(config: config)
        let expected = try OpenAPIDocument.bundled().value
        try await app.test(.live) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let served = JSONValue.parse(String(buffer: response.body))
                #expect(served == expected)
            }
        }
    }
}
