import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardCore
import TestSupport
import Testing

/// `/api/v1/media` answers `Range` requests, so audio and video seek in every browser, and labels
/// what it sends with the stored type.
@Suite struct MediaRangeTests {
    /// Uploads `data` as an operator's file, attaches it to a reply, and returns its media URL.
    static func storedFile(
        _ data: Data,
        type: String,
        name: String,
        harness: InboxHarness,
        client: any TestClientProtocol,
        session: InboxHarness.Session
    ) async throws -> String {
        let conversation = try await harness.clientWrites("can you show me?")
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[HTTPField.Name("X-File-Name")!] = name
        let upload = try await harness.send(client, .post, "/api/v1/uploads", as: session, raw: data, headers: headers)
        let id = try #require(upload.json["id"] as? String, "upload: \(upload.status)")
        let reply = try await harness.send(
            client,
            .post,
            "/api/v1/conversations/\(conversation)/messages",
            as: session,
            json: ["text": "here", "attachments": [id]]
        )
        let attachment = try #require((reply.json["attachments"] as? [[String: Any]])?.first, "reply: \(reply.status)")
        return try #require(attachment["url"] as? String)
    }

    @Test func bytes100To199OfAStoredVideoComeBackAs206WithTheirHeaders() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("olha")
            let session = try await harness.signIn(client, "olha")
            let video = Data((0..<1000).map { UInt8($0 % 251) })
            let url = try await Self.storedFile(video, type: "video/mp4", name: "screen.mp4", harness: harness, client: client, session: session)

            let part = try await harness.send(client, .get, url, as: session, headers: [.range: "bytes=100-199"])
            #expect(part.status == .partialContent)
            #expect(part.body == video.subdata(in: 100..<200))
            #expect(part.headers[.contentRange] == "bytes 100-199/1000")
            #expect(part.headers[.contentLength] == "100")
            #expect(part.headers[.contentType] == "video/mp4")
            #expect(part.headers[.contentDisposition]?.hasPrefix("inline") == true)

            let tail = try await harness.send(client, .get, url, as: session, headers: [.range: "bytes=-10"])
            #expect(tail.status == .partialContent && tail.body == video.suffix(10))

            let whole = try await harness.send(client, .get, url, as: session)
            #expect(whole.status == .ok && whole.body == video)
            #expect(whole.headers[.acceptRanges] == "bytes")

            let beyond = try await harness.send(client, .get, url, as: session, headers: [.range: "bytes=1000-"])
            #expect(beyond.status == .rangeNotSatisfiable)
            #expect(beyond.headers[.contentRange] == "bytes */1000")
            #expect(beyond.errorCode == "range_not_satisfiable")

            #expect(try await harness.send(client, .get, url, headers: [.range: "bytes=0-9"]).status == .unauthorized)
        }
    }

    @Test func audioKeepsItsTypeAndHostileTypesDownload() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("olha")
            let session = try await harness.signIn(client, "olha")
            let voice = Data("OggS voice".utf8)
            let audio = try await Self.storedFile(
                voice,
                type: "audio/ogg; codecs=opus",
                name: "voice.ogg",
                harness: harness,
                client: client,
                session: session
            )
            let played = try await harness.send(client, .get, audio, as: session)
            #expect(played.headers[.contentType] == "audio/ogg")
            #expect(played.headers[.contentDisposition]?.hasPrefix("inline") == true)

            let page = Data("<script>alert(1)</script>".utf8)
            let html = try await Self.storedFile(page, type: "text/html", name: "x.html", harness: harness, client: client, session: session)
            let downloaded = try await harness.send(client, .get, html, as: session)
            #expect(downloaded.headers[.contentType] == "application/octet-stream")
            #expect(downloaded.headers[.contentDisposition]?.hasPrefix("attachment") == true)
        }
    }

    /// A file far bigger than one read chunk comes back whole and in order.
    @Test func aLargeFileIsServedWhole() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("olha")
            let session = try await harness.signIn(client, "olha")
            let video = Data((0..<(3 * 1024 * 1024 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let url = try await Self.storedFile(video, type: "video/webm", name: "long.webm", harness: harness, client: client, session: session)
            let whole = try await harness.send(client, .get, url, as: session)
            #expect(whole.status == .ok && whole.body == video)
            let middle = try await harness.send(client, .get, url, as: session, headers: [.range: "bytes=1048576-2097151"])
            #expect(middle.body == video.subdata(in: 1_048_576..<2_097_152))
        }
    }
}
