public import Foundation
import Secrets

/// Moves every stored secret to a new key: `switchboard secret-key rotate`.
///
/// Run it with the service stopped (a running server keeps sealing with the key it started with).
/// The new key is written to disk before any secret is resealed, so no step can leave a secret
/// sealed under a key that exists nowhere. With the key file, the order is: write `<file>.next`,
/// reseal in one transaction, keep the old key as `<file>.previous` (backups taken before still need
/// it), move `.next` into place. Rerunning after an interruption finishes the job: a secret that
/// already opens with `.next` is left as it is.
public enum SecretKeyRotation {
    /// What a rotation did.
    public struct Summary: Sendable, Equatable {
        /// How many secrets were resealed.
        public var resealed: Int
        /// Where the new key is.
        public var newKeyPath: String
        /// Where the previous key was kept, when it came from the key file.
        public var previousKeyPath: String?
    }

    /// Why a rotation stopped; never contains a key.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Rotates the key of `config`'s database.
    /// - Parameter newKeyFile: where to write the new key when the current one comes from
    ///   `SWITCHBOARD_SECRET_KEY` (required then; the admin puts its content into the setting).
    /// - Throws: `Failure`; nothing is changed when the database's secrets cannot all be opened.
    public static func rotate(config: AppConfig, newKeyFile: String? = nil) async throws -> Summary {
        let fromEnvironment = config.secretKey != nil
        let nextPath: String
        if fromEnvironment {
            guard let newKeyFile else {
                throw Failure(description: "SWITCHBOARD_SECRET_KEY is set: give --new-key-file PATH to receive the new key")
            }
            nextPath = newKeyFile
        } else {
            guard FileManager.default.fileExists(atPath: config.secretKeyFile) else {
                throw Failure(description: "no key file at \(config.secretKeyFile): nothing was sealed with it")
            }
            nextPath = config.secretKeyFile + ".next"
        }
        let current = try box { try SecretKeyFile.load(base64Key: config.secretKey, path: config.secretKeyFile) }
        if !FileManager.default.fileExists(atPath: nextPath) {
            try box { try SecretKeyFile.save(SecretBox.newBase64Key(), to: nextPath) }
        } else if fromEnvironment {
            throw Failure(description: "\(nextPath) exists already; choose a new file for the new key")
        }
        let next = try box { try SecretKeyFile.load(base64Key: nil, path: nextPath) }

        let store = try openStore(config)
        let resealed: Int
        do {
            resealed = try await store.resealSecrets { sealed in
                if let secret = try? current.open(sealed) { return try next.seal(secret) }
                // Already moved by an interrupted run.
                _ = try next.open(sealed)
                return sealed
            }
        } catch {
            throw Failure(description: "a stored secret opens with neither the current nor the new key; nothing was changed")
        }
        guard !fromEnvironment else { return Summary(resealed: resealed, newKeyPath: nextPath, previousKeyPath: nil) }
        let previousPath = config.secretKeyFile + ".previous"
        do {
            try? FileManager.default.removeItem(atPath: previousPath)
            try FileManager.default.moveItem(atPath: config.secretKeyFile, toPath: previousPath)
            try FileManager.default.moveItem(atPath: nextPath, toPath: config.secretKeyFile)
        } catch {
            throw Failure(
                description:
                    "secrets are sealed with the key in \(nextPath) but it could not be moved to \(config.secretKeyFile): move it there by hand"
            )
        }
        return Summary(resealed: resealed, newKeyPath: config.secretKeyFile, previousKeyPath: previousPath)
    }

    private static func box<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SecretsError {
            throw Failure(description: error.description)
        }
    }
}
