public import Foundation
public import SwitchboardCore

extension DiskMediaStore: UploadFiles {
    public func uploads() async throws -> [StoredUpload] {
        let folder = root.appendingPathComponent("uploads", isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { !$0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            guard let modified = attributes?[.modificationDate] as? Date else { return nil }
            return StoredUpload(path: "uploads/\(name)", storedAt: modified)
        }
    }

    public func removeUpload(_ path: String) async throws {
        let file = try resolve(path)
        for url in [file, URL(fileURLWithPath: file.path + ".json")] {
            let size = Self.fileSize(of: url)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            try FileManager.default.removeItem(at: url)
            forget(bytes: size)
        }
    }
}
