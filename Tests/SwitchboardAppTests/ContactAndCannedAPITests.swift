import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct ContactAndCannedAPITests {
    @Test func preferredNameAndNotesAreSavedOnTheContact() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("hi", name: "Olena K")
            let detail = try await harness.send(client, .get, "/api/v1/conversations/\(conversation)", as: session).json
            let contactID = try #require((detail["contact"] as? [String: Any])?["id"] as? Int)
            let uri = "/api/v1/contacts/\(contactID)"

            let updated = try await harness.send(
                client,
                .patch,
                uri,
                as: session,
                json: ["preferredName": "pani Olena", "notes": "prefers Ukrainian"]
            )
            #expect(updated.json["preferredName"] as? String == "pani Olena")
            let fetched = try await harness.send(client, .get, uri, as: session).json
            #expect(fetched["notes"] as? String == "prefers Ukrainian")
            #expect((fetched["identities"] as? [[String: Any]])?.first?["externalID"] as? String == "u-1")
            let cleared = try await harness.send(client, .patch, uri, as: session, json: ["preferredName": NSNull()])
            #expect(cleared.json["preferredName"] == nil)
            #expect(cleared.json["notes"] as? String == "prefers Ukrainian")
            #expect(
                try await harness.send(client, .patch, uri, as: session, json: ["preferredName": String(repeating: "x", count: 101)]).status
                    == .badRequest
            )
            #expect(try await harness.send(client, .get, "/api/v1/contacts/999", as: session).status == .notFound)
        }
    }

    @Test func cannedRepliesArePersonalOrSharedBySupervisors() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("petro")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let maria = try await harness.signIn(client, "maria")
            let petro = try await harness.signIn(client, "petro")
            let sofia = try await harness.signIn(client, "sofia")
            let uri = "/api/v1/canned-replies"
            let mine: [String: Any] = ["shortcut": "hi", "title": "Greeting", "body": "Hello {client_name}, I am {operator_name}"]

            #expect(try await harness.send(client, .post, uri, as: maria, json: mine).status == .created)
            #expect(try await harness.send(client, .post, uri, as: maria, json: mine).status == .conflict)
            #expect(
                try await harness.send(client, .post, uri, as: maria, json: ["shortcut": "x", "title": "t", "body": "b", "shared": true]).status
                    == .forbidden
            )
            #expect(
                try await harness.send(client, .post, uri, as: maria, json: ["shortcut": "two words", "title": "t", "body": "b"]).status
                    == .badRequest
            )
            let shared = try await harness.send(
                client,
                .post,
                uri,
                as: sofia,
                json: ["shortcut": "bye", "title": "Bye", "body": "Goodbye!", "shared": true]
            )
            #expect(shared.json["shared"] as? Bool == true)

            #expect(try await harness.send(client, .get, uri, as: maria).items.compactMap { $0["shortcut"] as? String } == ["bye", "hi"])
            #expect(try await harness.send(client, .get, uri, as: petro).items.compactMap { $0["shortcut"] as? String } == ["bye"])
            let sharedID = try #require(shared.json["id"] as? Int)
            #expect(try await harness.send(client, .patch, "\(uri)/\(sharedID)", as: maria, json: ["body": "x"]).status == .forbidden)
            #expect(
                try await harness.send(client, .patch, "\(uri)/\(sharedID)", as: sofia, json: ["body": "See you!"]).json["body"] as? String
                    == "See you!"
            )
            #expect(try await harness.send(client, .delete, "\(uri)/\(sharedID)", as: sofia).status == .noContent)
            #expect(try await harness.send(client, .get, uri, as: petro).items.isEmpty)
        }
    }

    @Test func searchFindsMessagesByWordsAndIgnoresQuerySyntax() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            try await harness.clientWrites("My parcel number 4411 never arrived", from: "u-1")
            try await harness.clientWrites("Where is my refund?", from: "u-2")

            let hits = try await harness.send(client, .get, "/api/v1/search?q=parc", as: session).items
            #expect(hits.count == 1)
            #expect((hits.first?["snippet"] as? String)?.contains("[parcel]") == true)
            #expect(try await harness.send(client, .get, "/api/v1/search?q=%22refund%22*%20(%20-", as: session).items.count == 1)
            #expect(try await harness.send(client, .get, "/api/v1/search?q=", as: session).status == .badRequest)
        }
    }

    /// Uploads share the media folder's cap with the files clients send, so they cannot fill the disk.
    @Test func anUploadBeyondTheMediaCapIsRefused() async throws {
        try await InboxHarness.run(mediaMaxBytes: 4096) { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            var headers = HTTPFields()
            headers[.contentType] = "application/pdf"

            let small = try await harness.send(client, .post, "/api/v1/uploads", as: session, raw: Data(count: 1000), headers: headers)
            let big = try await harness.send(client, .post, "/api/v1/uploads", as: session, raw: Data(count: 4000), headers: headers)

            #expect(small.status == .created)
            #expect(big.status.code == 507)
            #expect((big.json["error"] as? [String: Any])?["code"] as? String == "storage_full")
            let stored = try FileManager.default.contentsOfDirectory(atPath: harness.directory.path("media/uploads"))
            #expect(stored.count == 2, "only the small upload and its sidecar: \(stored)")
        }
    }

    /// An upload no reply took within a day is deleted; one a reply carries, or a fresh one, stays.
    @Test func uploadsNoMessageTookAreSweptAfterADay() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("send me the invoice")
            var headers = HTTPFields()
            headers[.contentType] = "application/pdf"
            var ids: [String] = []
            for _ in 0..<3 {
                let upload = try await harness.send(client, .post, "/api/v1/uploads", as: session, raw: Data(count: 100), headers: headers)
                ids.append(try #require(upload.json["id"] as? String))
            }
            _ = try await harness.send(
                client,
                .post,
                "/api/v1/conversations/\(conversation)/messages",
                as: session,
                json: ["text": "Here it is", "attachments": [ids[0]]]
            )
            let twoDaysAgo = Date().addingTimeInterval(-2 * 86_400)
            for id in ids[0...1] {
                try FileManager.default.setAttributes([.modificationDate: twoDaysAgo], ofItemAtPath: harness.directory.path("media/uploads/\(id)"))
            }
            let switchboard = harness.switchboard

            let deleted = try await UploadSweeper(
                files: switchboard.media,
                references: switchboard.store,
                clock: switchboard.clock,
                logger: Logger(label: "test")
            )
            .sweepOnce()

            #expect(deleted == ["uploads/\(ids[1])"])
            let left = try FileManager.default.contentsOfDirectory(atPath: harness.directory.path("media/uploads")).sorted()
            #expect(left == [ids[0], ids[0] + ".json", ids[2], ids[2] + ".json"].sorted())
        }
    }

    @Test func uploadedFileIsAttachedToAReplyAndServedOnlyToOperators() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let session = try await harness.signIn(client, "maria")
            let conversation = try await harness.clientWrites("send me the invoice")
            let pdf = Data("%PDF-1.4 fake invoice".utf8)
            var headers = HTTPFields()
            headers[.contentType] = "application/pdf"
            headers[HTTPField.Name("X-File-Name")!] = "invoice%20march.pdf"

            let upload = try await harness.send(client, .post, "/api/v1/uploads", as: session, raw: pdf, headers: headers)
            #expect(upload.status == .created)
            let id = try #require(upload.json["id"] as? String)
            #expect(upload.json["fileName"] as? String == "invoice march.pdf")
            let reply = try await harness.send(
                client,
                .post,
                "/api/v1/conversations/\(conversation)/messages",
                as: session,
                json: ["text": "Here it is", "attachments": [id]]
            )
            let attachment = try #require((reply.json["attachments"] as? [[String: Any]])?.first)
            #expect(attachment["kind"] as? String == "document")
            let url = try #require(attachment["url"] as? String)

            let file = try await harness.send(client, .get, url, as: session)
            #expect(file.body == pdf)
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(try await harness.send(client, .get, url).status == .unauthorized)
            #expect(try await harness.send(client, .get, "/api/v1/media/../switchboard.sqlite", as: session).status == .notFound)
            let unknown = try await harness.send(
                client,
                .post,
                "/api/v1/conversations/\(conversation)/messages",
                as: session,
                json: ["text": "x", "attachments": ["nope"]]
            )
            #expect(unknown.errorCode == "unknown_upload")
        }
    }
}
