public import Foundation

/// The pieces of the `/api/v1` OpenAPI document, one file per area of the API (`OpenAPI/*.yaml` or
/// `*.json`), so each area describes its own routes next to the others without one huge file.
public enum OpenAPIFragments {
    /// The fragment files, sorted by name.
    public static var files: [URL] {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("OpenAPI", isDirectory: true),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
