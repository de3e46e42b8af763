public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Deletes uploads no message took (``UploadSweep``), once at start and then every `interval`, so
/// abandoned files do not hold room under the media cap.
public struct UploadSweeper: Service {
    let files: any UploadFiles
    let references: any UploadReferences
    let clock: any WallClock
    let interval: TimeInterval
    let logger: Logger

    /// Creates a sweeper.
    public init(files: any UploadFiles, references: any UploadReferences, clock: any WallClock, interval: TimeInterval = 3600, logger: Logger) {
        self.files = files
        self.references = references
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await WakeLoop(clock: clock).run(name: "upload sweep", logger: logger) {
            do {
                try await sweepOnce()
            } catch {
                logger.error("sweeping uploads failed", metadata: ["error": "\(error)"])
            }
            return clock.now().addingTimeInterval(interval)
        }
    }

    /// Deletes the abandoned uploads now.
    /// - Returns: the deleted paths.
    @discardableResult
    public func sweepOnce() async throws -> [String] {
        // The references are read after the listing, so an upload attached meanwhile is seen as attached.
        let uploads = try await files.uploads()
        let abandoned = UploadSweep.abandoned(uploads, attached: try await references.attachedUploadPaths(), now: clock.now())
        for path in abandoned { try await files.removeUpload(path) }
        if !abandoned.isEmpty { logger.info("deleted abandoned uploads", metadata: ["count": "\(abandoned.count)"]) }
        return abandoned
    }
}
