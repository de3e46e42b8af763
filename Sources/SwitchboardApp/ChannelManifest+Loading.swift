import Foundation
public import Manifests

extension ChannelManifest {
    /// Every `*.yaml` and `*.yml` file of `directory`, in name order; none when the folder does not exist.
    /// - Throws: `ConfigError` listing every problem of every file.
    public static func load(directory: String, environment: [String: String]) throws -> [ChannelManifest] {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: directory) else { return [] }
        var problems: [String] = []
        var manifests: [ChannelManifest] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let yaml = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append("\(path): cannot be read")
                continue
            }
            if let manifest = parse(yaml: yaml, file: path, environment: environment, problems: &problems) {
                if let twin = manifests.first(where: { $0.name == manifest.name }) {
                    problems.append("\(path): name: '\(manifest.name)' is already described in \(twin.file)")
                } else {
                    manifests.append(manifest)
                }
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return manifests
    }
}
