public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key file beside the database: created on first run with mode 0600, read afterwards, and refused
/// when its mode lets group or others read or write it.
public enum SecretKeyFile {
    /// Loads the `SecretBox` from a base64 key if one is given, else from the key file, creating it if missing.
    /// - Parameters:
    ///   - base64Key: `SWITCHBOARD_SECRET_KEY`, when set.
    ///   - path: `SWITCHBOARD_SECRET_KEY_FILE`.
    /// - Throws: `SecretsError`.
    public static func load(base64Key: String?, path: String) throws -> SecretBox {
        if let base64Key { return try SecretBox(base64Key: base64Key) }
        if !FileManager.default.fileExists(atPath: path) {
            try create(path)
        }
        try refuseLoosePermissions(path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SecretsError.keyFile("cannot read \(path)")
        }
        do {
            return try SecretBox(base64Key: text)
        } catch {
            throw SecretsError.keyFile("\(path) does not hold a base64 key of 32 bytes")
        }
    }

    /// The key opens every stored token: a file other accounts can read or write is refused, not used,
    /// so the operator fixes it before any secret is sealed with a key that may have leaked or been swapped.
    /// - Throws: `SecretsError.keyFile` naming the file and the fix.
    static func refuseLoosePermissions(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SecretsError.keyFile("cannot read \(path) (errno \(errno))") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            let shown = String(mode, radix: 8)
            throw SecretsError.keyFile("\(path) has mode \(shown), open to other users; run `chmod 600 \(path)` and start again")
        }
    }

    /// Writes a new random key; O_EXCL so two processes starting at once cannot both create one.
    static func create(_ path: String) throws {
        do {
            try save(SecretBox.newBase64Key(), to: path)
        } catch SecretsError.keyFile(let why) where why.hasSuffix("already exists") {
            // Lost the race to another process: its key is as good as ours.
        }
    }

    /// Writes `base64Key` to a new file readable only by its owner (mode 0600).
    /// - Throws: `SecretsError.keyFile` when the file exists already or cannot be written.
    public static func save(_ base64Key: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw SecretsError.keyFile("\(path) already exists") }
            throw SecretsError.keyFile("cannot create \(path) (errno \(errno))")
        }
        defer { close(descriptor) }
        let bytes = Array((base64Key + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw SecretsError.keyFile("cannot write \(path)") }
        fsync(descriptor)
    }
}

/// How secrets are shown to people: only the last four characters.
public enum SecretMask {
    /// `••••WXYZ` for a long secret; only bullets for one of eight characters or fewer.
    public static func mask(_ secret: String) -> String {
        guard secret.count > 8 else { return "••••" }
        return "••••" + secret.suffix(4)
    }
}
