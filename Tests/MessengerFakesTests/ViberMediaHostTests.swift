import Foundation
import MessengerFakes
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fake's media URLs behave like Viber's: public, typed, and dead once they expire.
@Suite struct ViberMediaHostTests {
    func get(_ url: String, method: String = "GET") async throws -> (status: Int, type: String?, body: Data) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type"), data)
    }

    @Test func mediaURLServesItsBytesWithoutATokenUntilItExpires() async throws {
        let clock = ViberTestClock()
        try await withFakeViber(.test { $0.now = { clock.now } }) { viber, _, _ in
            let bytes = Data("receipt".utf8)
            let url = await viber.hostMedia(bytes, fileName: "scan.jpg", contentType: "image/jpeg", lifetime: 3600)
            #expect(url.hasPrefix(viber.baseURL.absoluteString + "/media/") && url.hasSuffix(".jpg"))

            let fresh = try await get(url)
            #expect(fresh.status == 200)
            #expect(fresh.type == "image/jpeg")
            #expect(fresh.body == bytes)
            clock.advance(3600)
            #expect(try await get(url).status == 403)
            #expect(try await get(url + "x").status == 404)
            #expect(try await get(url, method: "POST").status == 405)
            #expect(await viber.mediaDownloads(of: url).map(\.status) == [200, 403])
        }
    }

    @Test func expiringByHandAndInjectedFaultsAnswerLikeACDN() async throws {
        try await withFakeViber { viber, _, _ in
            let url = await viber.hostMedia(Data("clip".utf8), fileName: "clip.mp4", contentType: "video/mp4")
            await viber.failNextMediaDownloads(with: .httpError(502), count: 2)
            #expect(try await get(url).status == 502)
            #expect(try await get(url).status == 502)
            #expect(try await get(url).status == 200)
            try await viber.expireMedia(url)
            #expect(try await get(url).status == 403)
            await #expect(throws: FakeViber.FakeError.invalid("no such media URL")) {
                try await viber.expireMedia(viber.baseURL.absoluteString + "/media/nope")
            }
        }
    }
}
