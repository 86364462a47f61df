// minisign signatures (https://jedisct1.github.io/minisign/), read and written with
// libsodium: public keys ("RW…" key lines), secret keys (unencrypted, as `minisign -W`
// writes them), and .minisig files. The kiosk requires prehashed signatures ("ED":
// Ed25519 over the BLAKE2b-512 hash of the file, minisign's default) and checks the
// trusted comment's global signature too. No I/O here: texts in, texts out.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mint::trust
{

struct PublicKey
{
    std::array<unsigned char, 8> keyId{};
    std::array<unsigned char, 32> key{};
    /// The key id as minisign prints it ("E5B9C7A8F3D2B1A0": 16 upper-case hex digits).
    std::string idHex() const;
};

struct SecretKey
{
    std::array<unsigned char, 8> keyId{};
    std::array<unsigned char, 64> key{};  ///< libsodium's Ed25519 secret key (seed + public key)
};

struct Signature
{
    bool prehashed = true;  ///< "ED" (BLAKE2b-512 of the file), else legacy "Ed"
    std::array<unsigned char, 8> keyId{};
    std::array<unsigned char, 64> signature{};
    std::string trustedComment;  ///< the text after "trusted comment: "
    std::array<unsigned char, 64> globalSignature{};
};

/// libsodium's sodium_init(); false when it cannot start (then nothing here works).
bool initCrypto();

/// A public key from a .pub file's text or a bare key line ("RW…"); nullopt with `error`.
std::optional<PublicKey> parsePublicKey(std::string_view text, std::string& error);
/// A secret key from a .key file's text (unencrypted: `minisign -G -W` or mint-catalog keygen).
std::optional<SecretKey> parseSecretKey(std::string_view text, std::string& error);
/// A .minisig file's text.
std::optional<Signature> parseSignature(std::string_view text, std::string& error);

enum class Verdict
{
    Good,
    UnknownKey,    ///< signed by a key that is not one of the trusted ones
    Legacy,        ///< an "Ed" signature (not prehashed): refused
    BadSignature,  ///< the file does not match the signature
    BadComment,    ///< the trusted comment was changed
};
const char* verdictText(Verdict v);

/// Checks `message` against `sig` with the first of `keys` whose id matches.
Verdict verify(std::string_view message, const Signature& sig, const std::vector<PublicKey>& keys);

/// The prehash (BLAKE2b-512) of a file read in blocks (map packages are hundreds of MB);
/// false when it cannot be read.
bool prehashFile(const std::string& path, std::array<unsigned char, 64>& hash);
/// verify() for a file whose prehash is already known.
Verdict verifyPrehash(const std::array<unsigned char, 64>& hash, const Signature& sig, const std::vector<PublicKey>& keys);

struct KeyPair
{
    std::string publicText;  ///< the .pub file
    std::string secretText;  ///< the .key file (unencrypted; keep it off the kiosks)
    PublicKey publicKey;
};
KeyPair generateKeyPair();

/// A .minisig file for `message` (prehashed); `trustedComment` is signed too.
std::string sign(std::string_view message, const SecretKey& key, const std::string& trustedComment);

}  // namespace mint::trust
