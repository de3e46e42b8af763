public import Foundation
public import Logging

extension Switchboard {
    /// Applies the webhooks manifest named by `config.webhooksManifest`, if any, before the server
    /// starts; each line of what happened is logged.
    /// - Throws: `ConfigError` listing every problem of the file; nothing is changed then.
    @discardableResult
    public func applyWebhooksManifest(
        config: AppConfig,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) async throws -> [String] {
        guard let path = config.webhooksManifest else { return [] }
        let report = try await webhookAdmin.applyManifest(at: path, environment: environment)
        for line in report {
            logger.notice("webhooks manifest: \(line)")
        }
        return report
    }
}
