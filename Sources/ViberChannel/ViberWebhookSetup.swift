public import Foundation
public import Logging

/// Pointing a Viber bot at Switchboard's webhook URL.
public enum ViberWebhookSetup {
    /// `{publicURL}/webhooks/viber/{channel name}`.
    public static func webhookURL(publicURL: URL, channelName: String) -> String {
        let base = publicURL.absoluteString.hasSuffix("/") ? String(publicURL.absoluteString.dropLast()) : publicURL.absoluteString
        let name = channelName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? channelName
        return "\(base)/webhooks/viber/\(name)"
    }

    /// Calls set_webhook until it succeeds, backing off between tries.
    ///
    /// Viber verifies the URL by calling it at once, so this runs after the HTTP server starts and
    /// retries while the route is not answering yet. A rejected token is final: retrying cannot help.
    /// - Returns: nil on success, else why it gave up (token rejected).
    /// - Throws: `CancellationError` when the task is cancelled.
    public static func setWebhookRetrying(
        api: ViberBotAPI,
        url: String,
        initialDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(60),
        logger: Logger
    ) async throws -> ViberAPIError? {
        var delay = initialDelay
        while true {
            do {
                try await api.setWebhook(url: url)
                logger.info("viber webhook set", metadata: ["url": "\(url)"])
                return nil
            } catch let error as ViberAPIError where error.isTokenRejected {
                return error
            } catch let error as CancellationError {
                throw error
            } catch {
                logger.notice("viber set_webhook failed; retrying", metadata: ["url": "\(url)", "error": "\(error)", "in": "\(delay)"])
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, maxDelay)
        }
    }
}
