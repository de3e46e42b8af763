import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardCore
import Testing
import ViberChannel

/// A media store in memory: what was stored, under which path.
actor MemoryMediaStore: MediaStore {
    private(set) var files: [String: Data] = [:]

    func store(_ data: Data, key: String, fileExtension: String?) async throws -> String {
        let path = key + (fileExtension.map { ".\($0)" } ?? "")
        files[path] = data
        return path
    }

    func read(_ relativePath: String) async throws -> Data {
        guard let data = files[relativePath] else { throw MediaStoreError.invalidPath(relativePath) }
        return data
    }
}

@Suite struct ViberMediaFetcherTests {
    /// A fake Viber to host media, a fetcher into memory, and the transport to shut down.
    func fixture() async throws -> (FakeViber, ViberMediaFetcher, MemoryMediaStore, CurlTransport) {
        let viber = try await FakeViber.start()
        let media = MemoryMediaStore()
        let transport = CurlTransport()
        return (viber, ViberMediaFetcher(transport: transport, media: media, channelID: ChannelID(4)), media, transport)
    }

    func pending(_ kind: AttachmentKind, url: String, fileName: String? = nil, size: Int64? = nil) -> SwitchboardCore.Attachment {
        AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: kind, externalFileID: url, fileName: fileName, byteCount: size))
    }

    @Test func pictureIsCopiedWithItsTypeAndAnExtensionFromItsLink() async throws {
        let (viber, fetcher, media, transport) = try await fixture()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let bytes = Data([0x89, 0x50, 0x4E, 0x47]) + Data("png body".utf8)
        let url = await viber.hostMedia(bytes, fileName: "image.png", contentType: "image/png")

        let stored = try await fetcher.download(pending(.photo, url: url))

        let path = try #require(stored.storedPath)
        #expect(path.hasPrefix("viber/4/") && path.hasSuffix(".png"))
        #expect(try await media.read(path) == bytes)
        #expect(stored.mimeType == "image/png")
        #expect(stored.byteCount == Int64(bytes.count))
        #expect(!AttachmentDownload.isPending(stored))
        #expect(stored.details[AttachmentDownload.errorKey] == nil)
    }

    @Test func expiredLinkFailsForGoodWhileServerTroubleThrowsToBeRetried() async throws {
        let (viber, fetcher, media, transport) = try await fixture()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let url = await viber.hostMedia(Data("pdf".utf8), fileName: "a.pdf", contentType: "application/pdf")

        await viber.failNextMediaDownloads(with: .httpError(503))
        await #expect(throws: (any Error).self) { try await fetcher.download(pending(.document, url: url, fileName: "a.pdf")) }
        try await viber.expireMedia(url)
        let expired = try await fetcher.download(pending(.document, url: url, fileName: "a.pdf"))

        #expect(expired.storedPath == nil)
        #expect(expired.details[AttachmentDownload.errorKey] == "Viber's link to the file expired before it was downloaded (HTTP 403)")
        #expect(await media.files.isEmpty)
    }

    @Test func fileAboveViberLimitIsNotRequested() async throws {
        let (viber, fetcher, _, transport) = try await fixture()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }
        let url = await viber.hostMedia(Data("big".utf8), fileName: "big.zip", contentType: "application/zip")

        let refused = try await fetcher.download(pending(.document, url: url, fileName: "big.zip", size: 60 * 1_048_576))

        #expect(refused.details[AttachmentDownload.errorKey] == "file is too big to download (60.0 MB, limit 50 MB)")
        #expect(await viber.mediaDownloads().isEmpty)
    }

    @Test func aLinkThatIsNoWebAddressIsNeverOpened() async throws {
        let (viber, fetcher, media, transport) = try await fixture()
        defer {
            Task {
                await viber.stop()
                transport.shutdown()
            }
        }

        let refused = try await fetcher.download(pending(.document, url: "file:///etc/hostname", fileName: "hostname.txt"))

        #expect(refused.details[AttachmentDownload.errorKey] == "the file's link is not a web address")
        #expect(await media.files.isEmpty)
    }
}
