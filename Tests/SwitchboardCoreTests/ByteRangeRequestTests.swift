import SwitchboardCore
import Testing

@Suite struct ByteRangeRequestTests {
    @Test(arguments: [
        ("bytes=100-199", ByteRangeRequest.part(100...199)),
        ("bytes=100-", .part(100...999)),
        ("bytes=-10", .part(990...999)),
        ("bytes=-5000", .part(0...999)),
        ("bytes=900-5000", .part(900...999)),
        ("bytes = 0-0", .whole),
        ("BYTES=0-1", .part(0...1)),
        ("bytes=1000-", .unsatisfiable),
        ("bytes=1000-1001", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
        ("bytes=5-4", .whole),
        ("bytes=0-1,5-6", .whole),
        ("items=0-1", .whole),
        ("bytes=a-b", .whole),
        ("bytes=-", .whole),
        ("bytes=+1-2", .whole),
    ])
    func aHeaderAgainstAThousandBytes(header: String, expected: ByteRangeRequest) {
        #expect(ByteRangeRequest.resolve(header: header, size: 1000) == expected)
    }

    @Test func noHeaderIsTheWholeFileAndAnEmptyFileHasNoRange() {
        #expect(ByteRangeRequest.resolve(header: nil, size: 1000) == .whole)
        #expect(ByteRangeRequest.resolve(header: "bytes=0-", size: 0) == .unsatisfiable)
        #expect(ByteRangeRequest.resolve(header: "bytes=-1", size: 0) == .unsatisfiable)
    }
}

@Suite struct MediaPresentationTests {
    @Test func browsersShowImagesAudioAndVideoInPlace() {
        #expect(MediaPresentation.of(storedType: "video/mp4", fileExtension: "bin") == .init(contentType: "video/mp4", inline: true))
        #expect(MediaPresentation.of(storedType: "audio/ogg; codecs=opus", fileExtension: "") == .init(contentType: "audio/ogg", inline: true))
        #expect(MediaPresentation.of(storedType: nil, fileExtension: "OGA") == .init(contentType: "audio/ogg", inline: true))
        #expect(MediaPresentation.of(storedType: "application/octet-stream", fileExtension: "jpg") == .init(contentType: "image/jpeg", inline: true))
    }

    @Test func pdfKeepsItsTypeButDownloadsAndEverythingElseIsOpaque() {
        #expect(MediaPresentation.of(storedType: "application/pdf", fileExtension: "pdf") == .init(contentType: "application/pdf", inline: false))
        for hostile in ["text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript"] {
            #expect(MediaPresentation.of(storedType: hostile, fileExtension: "png") == .init(contentType: "application/octet-stream", inline: false))
        }
    }
}
