import Foundation
import Hummingbird
import Testing

@testable import MessengerFakes

/// Viber takes media only by URL and fetches it when a picture, video or file message comes in;
/// the fake does the same and holds the fetched media to Viber's limits.
@Suite("Viber media fetch")
struct ViberMediaFetchTests {
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data(repeating: 7, count: 996)
    /// Sending needs no webhook here: these tests are about the bot's messages, not callbacks.
    static let configuration = FakeViber.Configuration.test { $0.requireWebhookForSending = false }

    /// A file host on 127.0.0.1 serving `files` by path and counting requests.
    actor MediaHost {
        private(set) var requests: [String] = []
        let files: [String: Data]
        private var server: FakeHTTPServer?

        init(files: [String: Data]) { self.files = files }

        static func start(files: [String: Data]) async throws -> MediaHost {
            let host = MediaHost(files: files)
            let server = try await FakeHTTPServer.start { request, _ in
                guard let data = await host.hit(request.uri.path) else { return Response(status: .notFound) }
                return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
            await host.attach(server)
            return host
        }

        private func attach(_ server: FakeHTTPServer) { self.server = server }
        private func hit(_ path: String) -> Data? {
            requests.append(path)
            return files[path]
        }

        func url(_ path: String) -> String { server!.baseURL.absoluteString + path }
        func stop() async { await server?.stop() }
    }

    @Test func aFileMessageIsFetchedOnceAndWhatCameBackIsRecorded() async throws {
        let pdf = Data("%PDF-1.4 body".utf8)
        let host = try await MediaHost.start(files: ["/f/invoice.pdf": pdf])
        defer { Task { await host.stop() } }
        try await withFakeViber(Self.configuration, setWebhook: false) { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let answer = try await client.send(
                to: vAnn.id,
                ["type": "file", "media": await host.url("/f/invoice.pdf"), "size": pdf.count, "file_name": "invoice.pdf"]
            )
            #expect(answer.status == 0)
            let sent = try #require(await viber.sentMessages(bot: viberToken).last)
            #expect(sent.fetched?.status == 200)
            #expect(sent.fetched?.body == pdf)
            #expect(await host.requests == ["/f/invoice.pdf"])
        }
    }

    @Test func aMissingFileIsRecordedAsNotFetched() async throws {
        let host = try await MediaHost.start(files: [:])
        defer { Task { await host.stop() } }
        try await withFakeViber(Self.configuration, setWebhook: false) { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            _ = try await client.send(to: vAnn.id, ["type": "file", "media": await host.url("/gone.pdf"), "size": 10, "file_name": "gone.pdf"])
            let sent = try #require(await viber.sentMessages(bot: viberToken).last)
            #expect(sent.fetched?.status == 404)
            #expect(sent.fetched?.succeeded == false)
        }
    }

    @Test func aPictureOver1MBOrNotAnImageOrWithoutAnImageExtensionIsRefused() async throws {
        let big = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data(repeating: 1, count: 1 << 20)
        let host = try await MediaHost.start(files: ["/ok.jpg": Self.jpeg, "/big.jpg": big, "/text.png": Data("hello".utf8), "/photo": Self.jpeg])
        defer { Task { await host.stop() } }
        try await withFakeViber(Self.configuration, setWebhook: false) { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let accepted = try await client.send(to: vAnn.id, ["type": "picture", "media": await host.url("/ok.jpg"), "text": "receipt"])
            #expect(accepted.status == 0)
            for path in ["/big.jpg", "/text.png", "/photo"] {
                let refused = try await client.send(to: vAnn.id, ["type": "picture", "media": await host.url(path), "text": "x"])
                #expect(refused.status == 3, "\(path): \(refused.object)")
            }
            #expect(await viber.sentMessages(bot: viberToken).compactMap(\.text) == ["receipt"])
        }
    }

    @Test func aFileOver50MBIsRefusedByItsSize() async throws {
        try await withFakeViber(Self.configuration, setWebhook: false) { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            let refused = try await client.send(
                to: vAnn.id,
                ["type": "file", "media": "http://127.0.0.1:9/big.zip", "size": (50 << 20) + 1, "file_name": "big.zip"]
            )
            #expect(refused.status == 3)
        }
    }
}
