import Foundation
import MessengerFakes
import SwitchboardBench
import Synchronization
import TestSupport
import Testing

/// Files a client sent, downloaded by the instance that polled them, are served by every instance
/// from the media folder they share.
@Suite struct MediaAcrossInstancesTests {
    @Test func picturesPolledAndDownloadedByAAreServedByB() async throws {
        try await ClusterFixture.with { cluster in
            let a = try await cluster.start("a")
            try await cluster.waitForPolls(atLeast: 1)
            let b = try await cluster.start("b")
            let session = try await OperatorSession.signIn(on: b)
            let photos = [TestImages.jpeg(width: 320, height: 240, bytes: 900), TestImages.jpeg(width: 400, height: 300, bytes: 700)]
            let client = FakeTelegram.User(id: 5_000_005_001, firstName: "Ann")
            try await cluster.telegram.sendUserAlbum(bot: ClusterFixture.token, from: client, photos: photos, caption: "two pictures")
            try await eventually(timeout: .seconds(30), "a conversation was opened") {
                try cluster.count("SELECT count(*) FROM conversations") == 1
            }
            let conversation = try #require(Int64(cluster.query("SELECT id FROM conversations").first ?? ""))

            let urls = ManagedURLs()
            try await eventually(timeout: .seconds(60), "B lists both pictures as downloaded") {
                let page = try await session.get("/api/v1/conversations/\(conversation)/messages") as? [String: Any]
                let items = page?["items"] as? [[String: Any]] ?? []
                let found = items.flatMap { $0["attachments"] as? [[String: Any]] ?? [] }.compactMap { $0["url"] as? String }
                urls.set(found)
                return found.count == 2
            }
            var served: [Data] = []
            for url in urls.value {
                let answer = try await session.fetch(url)
                #expect(answer.status == 200, "B answered \(answer.status) for \(url)")
                served.append(answer.body)
            }
            #expect(Set(served) == Set(photos))
            #expect(a.isRunning)
        }
    }
}

/// The URLs the last look found, kept across `eventually`'s attempts.
private final class ManagedURLs: Sendable {
    private let urls = Mutex<[String]>([])
    func set(_ found: [String]) { urls.withLock { $0 = found } }
    var value: [String] { urls.withLock { $0 } }
}
