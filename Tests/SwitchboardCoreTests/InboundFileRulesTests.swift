import Foundation
import SwitchboardCore
import Testing

@Suite struct InboundFileRulesTests {
    @Test func filesAreFetchedButPlacesContactsAndLinksAreNot() {
        #expect(InboundFileRules.shouldFetch(SwitchboardCore.Attachment(kind: .photo, externalFileID: "https://m.test/p.jpg")))
        #expect(InboundFileRules.shouldFetch(SwitchboardCore.Attachment(kind: .sticker, externalFileID: "https://m.test/s.png")))
        #expect(!InboundFileRules.shouldFetch(SwitchboardCore.Attachment(kind: .sticker)))
        #expect(!InboundFileRules.shouldFetch(SwitchboardCore.Attachment(kind: .link, externalFileID: "https://acme.test/")))
        #expect(!InboundFileRules.shouldFetch(SwitchboardCore.Attachment(kind: .location, details: ["latitude": "1"])))
        #expect(!AttachmentDownload.isPending(AttachmentDownload.markPending(SwitchboardCore.Attachment(kind: .link, externalFileID: "x"))))
    }

    @Test func anExpiredOrRefusedLinkIsFinalWhileServerTroubleIsRetried() {
        #expect(InboundFileRules.failure(httpStatus: 200, messenger: "Viber") == nil)
        for status in [403, 404, 410] {
            #expect(
                InboundFileRules.failure(httpStatus: status, messenger: "Viber")
                    == .permanent(reason: "Viber's link to the file expired before it was downloaded (HTTP \(status))", recipientUnreachable: false)
            )
        }
        #expect(
            InboundFileRules.failure(httpStatus: 400, messenger: "Viber")
                == .permanent(reason: "Viber refused the file (HTTP 400)", recipientUnreachable: false)
        )
        for status in [408, 429, 500, 502, 503] {
            #expect(InboundFileRules.failure(httpStatus: status, messenger: "Viber") == .transient(reason: "Viber answered HTTP \(status)"))
        }
    }

    @Test func aStoredCopyTakesTheExtensionOfItsNameThenItsLinkThenItsType() {
        #expect(InboundFileRules.fileExtension(fileName: "Receipt.PDF", url: "https://m.test/a.bin", mimeType: nil) == "pdf")
        #expect(InboundFileRules.fileExtension(fileName: nil, url: "https://dl-media.viber.test/5/share/2/long/ab12.jpg?x=1", mimeType: nil) == "jpg")
        #expect(InboundFileRules.fileExtension(fileName: "no-extension", url: "https://m.test/v1.2/file", mimeType: "image/png; q=1") == "png")
        #expect(InboundFileRules.fileExtension(fileName: "weird.<script>", url: nil, mimeType: nil) == nil)
        #expect(InboundFileRules.fileExtension(fileName: nil, url: nil, mimeType: "application/x-unknown") == nil)
    }

    @Test func onlyWebLinksAreFetched() {
        #expect(InboundFileRules.refusal(ofLink: "https://dl-media.viber.test/a.jpg") == nil)
        #expect(InboundFileRules.refusal(ofLink: "http://127.0.0.1:8080/media/a.jpg") == nil)
        for link in ["file:///etc/passwd", "ftp://m.test/a.jpg", "gopher://m.test/", "not a link"] {
            #expect(InboundFileRules.refusal(ofLink: link) == "the file's link is not a web address")
        }
    }

    @Test func aFileAboveTheLimitIsDescribedInMegabytes() {
        #expect(
            InboundFileRules.tooBig(60 * 1_048_576, limit: InboundFileRules.viberDownloadLimit)
                == "file is too big to download (60.0 MB, limit 50 MB)"
        )
    }
}
