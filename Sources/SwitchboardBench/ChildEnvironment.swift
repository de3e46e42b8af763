import Foundation

/// The environment of a server under test: this process's, minus every `SWITCHBOARD_*` key (a
/// developer's own settings must not leak into the measured server), plus the benchmark's settings.
enum ChildEnvironment {
    static func make(_ settings: [String: String]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SWITCHBOARD_") }.merging(settings) { _, new in new }
    }
}
