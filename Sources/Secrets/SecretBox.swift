internal import Crypto
public import Foundation

/// Seals and opens small secrets (bot tokens, webhook secrets) with AES-256-GCM under one key.
///
/// A sealed value is `nonce ‖ ciphertext ‖ tag`, so each sealing of the same secret differs and
/// tampering is detected. The key never appears in `description`.
public struct SecretBox: Sendable, CustomStringConvertible {
    /// Length of the key in bytes.
    public static let keyLength = 32

    // Raw bytes rather than `SymmetricKey`, which is not `Sendable` in swift-crypto 3.
    private let keyData: Data
    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    /// Creates a box from raw key bytes.
    /// - Throws: `SecretsError.invalidKey` unless the key is exactly 32 bytes.
    public init(keyData: Data) throws {
        guard keyData.count == Self.keyLength else {
            throw SecretsError.invalidKey("the key must be \(Self.keyLength) bytes, got \(keyData.count)")
        }
        self.keyData = keyData
    }

    /// Creates a box from a base64 key (the `SWITCHBOARD_SECRET_KEY` format).
    /// - Throws: `SecretsError.invalidKey` for text that is not base64 of 32 bytes.
    public init(base64Key: String) throws {
        guard let data = Data(base64Encoded: base64Key.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SecretsError.invalidKey("the key is not base64")
        }
        try self.init(keyData: data)
    }

    /// A new random key, base64-encoded.
    public static func newBase64Key() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// Encrypts a secret.
    /// - Throws: `SecretsError.sealFailed` (practically never).
    public func seal(_ secret: String) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else { throw SecretsError.sealFailed }
            return combined
        } catch {
            throw SecretsError.sealFailed
        }
    }

    /// Decrypts a sealed secret.
    /// - Throws: `SecretsError.cannotOpen` when the data was not sealed with this key or was altered.
    public func open(_ sealed: Data) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
        } catch {
            throw SecretsError.cannotOpen
        }
    }

    /// A key for one purpose (HKDF-SHA256 of this box's key with `purpose` as info), so the key that
    /// seals tokens never signs anything itself and each use has its own key.
    /// - Parameter purpose: Names the use, e.g. `media links v1`; another purpose gives an unrelated key.
    public func derivedKey(purpose: String) -> Data {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data(purpose.utf8), outputByteCount: Self.keyLength)
            .withUnsafeBytes { Data($0) }
    }

    public var description: String { "SecretBox(key: <redacted>)" }
}

/// Why a secret could not be sealed, opened or its key loaded. Never contains a secret.
public enum SecretsError: Error, Equatable, CustomStringConvertible {
    case invalidKey(String)
    case keyFile(String)
    case sealFailed
    case cannotOpen

    public var description: String {
        switch self {
        case .invalidKey(let why): "invalid secret key: \(why)"
        case .keyFile(let why): "secret key file: \(why)"
        case .sealFailed: "could not encrypt a secret"
        case .cannotOpen: "a stored secret cannot be decrypted: wrong SWITCHBOARD_SECRET_KEY or key file, or damaged data"
        }
    }
}
