public import Foundation
public import Logging
import Manifests
import SwitchboardCore

extension Switchboard {
    /// Reads `config.channelsDirectory` and makes the stored channels match it, before the bridges
    /// start; each line of what changed is logged.
    /// - Throws: `ConfigError` listing every problem of the manifests (a literal token, an unset
    ///   variable, an unknown key), or `ChannelAdminError` when a messenger refuses a described channel.
    @discardableResult
    public func applyChannelManifests(
        config: AppConfig,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) async throws -> [String] {
        let manifests = try ChannelManifest.load(directory: config.channelsDirectory, environment: environment)
        guard !manifests.isEmpty else { return [] }
        let report = try await ChannelAdmin(switchboard: self, config: config, actor: .manifest(config.channelsDirectory)).apply(manifests)
        for line in report {
            logger.notice("channel manifest: \(line)")
        }
        return report
    }
}
