import Foundation
import SwitchboardCore
import TestSupport
import Testing

@Suite struct AvatarRulesTests {
    @Test func sizesAreReadFromThePNGHeaderAndTheJPEGFrameHeader() throws {
        #expect(try ImageHeader.read(TestImages.png(width: 640, height: 480)) == ImageHeader(format: .png, width: 640, height: 480))
        #expect(try ImageHeader.read(TestImages.jpeg(width: 720, height: 700)) == ImageHeader(format: .jpeg, width: 720, height: 700))
    }

    @Test func headersThatAreNotThereAreNotGuessed() {
        #expect(throws: ImageHeader.Problem.unknownFormat) { try ImageHeader.read(TestImages.gif) }
        #expect(throws: ImageHeader.Problem.unreadable(.png)) { try ImageHeader.read(TestImages.png(width: 64, height: 64).prefix(20)) }
        // A JPEG that ends before any frame header.
        #expect(throws: ImageHeader.Problem.unreadable(.jpeg)) { try ImageHeader.read(Data([0xFF, 0xD8, 0xFF, 0xD9])) }
    }

    @Test func aSquareSmallJPEGOrPNGIsAccepted() throws {
        #expect(try AvatarPolicy.check(TestImages.jpeg(width: 720, height: 720, bytes: 90_000)).format == .jpeg)
        #expect(try AvatarPolicy.check(TestImages.png(width: 36, height: 33)).format == .png)
    }

    @Test(arguments: [
        (TestImages.gif, "JPEG or PNG"),
        (TestImages.png(width: 256, height: 256, bytes: 100 * 1024 + 1), "at most 100 KB"),
        (TestImages.png(width: 2048, height: 2048), "between 32 and 1024"),
        (TestImages.jpeg(width: 16, height: 16), "between 32 and 1024"),
        (TestImages.jpeg(width: 400, height: 300), "square"),
    ])
    func refusalsSayWhy(_ data: Data, _ reason: String) {
        #expect {
            _ = try AvatarPolicy.check(data)
        } throws: { error in
            (error as? AvatarRefusal)?.description.contains(reason) == true
        }
    }

    @Test func refusalsOfResizableImagesSayThatSwitchboardDoesNotResize() {
        #expect {
            _ = try AvatarPolicy.check(TestImages.png(width: 2048, height: 2048))
        } throws: { error in
            (error as? AvatarRefusal)?.description.contains("does not resize") == true
        }
    }
}
