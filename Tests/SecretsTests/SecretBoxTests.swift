import Foundation
import Secrets
import Testing

@Suite struct SecretBoxTests {
    let token = "7000000001:AAH-test-token-0123456789abcdefXYZ"

    @Test func sealedTokenOpensAndDoesNotContainThePlaintext() throws {
        let box = try SecretBox(base64Key: SecretBox.newBase64Key())
        let sealed = try box.seal(token)
        #expect(try box.open(sealed) == token)
        #expect(sealed.range(of: Data(token.utf8)) == nil)
        #expect(sealed.range(of: Data("AAH-test".utf8)) == nil)
        #expect(try box.seal(token) != sealed, "every sealing uses a fresh nonce")
    }

    @Test func anotherKeyOrTamperingCannotOpen() throws {
        let sealed = try SecretBox(base64Key: SecretBox.newBase64Key()).seal(token)
        #expect(throws: SecretsError.cannotOpen) { try SecretBox(base64Key: SecretBox.newBase64Key()).open(sealed) }
        let box = try SecretBox(base64Key: SecretBox.newBase64Key())
        var tampered = try box.seal(token)
        tampered[tampered.count - 1] ^= 1
        #expect(throws: SecretsError.cannotOpen) { try box.open(tampered) }
    }

    @Test(arguments: ["", "not base64!", Data(count: 16).base64EncodedString()])
    func badKeysAreRefused(key: String) {
        #expect(throws: SecretsError.self) { try SecretBox(base64Key: key) }
    }

    @Test func keyFileIsCreatedOnceWithOwnerOnlyPermissions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("switchboard.key").path

        let first = try SecretKeyFile.load(base64Key: nil, path: path)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let sealed = try first.seal(token)
        let second = try SecretKeyFile.load(base64Key: nil, path: path)
        #expect(try second.open(sealed) == token, "the second run reads the same key")
    }

    /// A key file group or others can read or write is refused with the fix; 0600 and 0400 are accepted.
    @Test(arguments: [0o644, 0o640, 0o604, 0o620, 0o600, 0o400])
    func aKeyFileWithLoosePermissionsIsRefused(mode: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("switchboard.key").path
        try SecretKeyFile.save(SecretBox.newBase64Key(), to: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)

        if mode & 0o077 == 0 {
            _ = try SecretKeyFile.load(base64Key: nil, path: path)
        } else {
            let error = #expect(throws: SecretsError.self) { try SecretKeyFile.load(base64Key: nil, path: path) }
            let message = error.map { String(describing: $0) } ?? ""
            #expect(message.contains(path) && message.contains("chmod 600"), "\(message)")
        }
    }

    @Test func environmentKeyWinsOverTheFile() throws {
        let key = SecretBox.newBase64Key()
        let sealed = try SecretBox(base64Key: key).seal(token)
        let box = try SecretKeyFile.load(base64Key: key, path: "/nonexistent/dir/never-created.key")
        #expect(try box.open(sealed) == token)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir/never-created.key"))
    }

    @Test func maskShowsOnlyTheLastFourCharacters() throws {
        #expect(SecretMask.mask(token) == "••••fXYZ")
        #expect(SecretMask.mask("short") == "••••")
        let box = try SecretBox(base64Key: SecretBox.newBase64Key())
        #expect("\(box)" == "SecretBox(key: <redacted>)")
    }
}

@Suite struct DerivedKeyTests {
    @Test func eachPurposeGetsItsOwnStableKeyUnlikeTheSecretKey() throws {
        let raw = Data(repeating: 7, count: SecretBox.keyLength)
        let box = try SecretBox(keyData: raw)
        let links = box.derivedKey(purpose: "media links v1")
        #expect(links.count == 32)
        #expect(links == (try SecretBox(keyData: raw)).derivedKey(purpose: "media links v1"))
        #expect(links != box.derivedKey(purpose: "something else"))
        #expect(links != raw)
        #expect(links != (try SecretBox(keyData: Data(repeating: 8, count: SecretBox.keyLength))).derivedKey(purpose: "media links v1"))
    }
}
