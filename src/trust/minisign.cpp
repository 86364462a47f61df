// minisign signatures; see minisign.hpp. The binary layouts are minisign's:
//   public key  "Ed" | key id (8) | Ed25519 public key (32)                         42 bytes
//   secret key  "Ed" | kdf "\0\0" | "B2" | salt (32) | opslimit (8) | memlimit (8)
//               | key id (8) | Ed25519 secret key (64) | BLAKE2b-256 checksum (32)   158 bytes
//   signature   "ED" (or legacy "Ed") | key id (8) | Ed25519 signature (64)       74 bytes
// and the global signature signs the 64 signature bytes followed by the trusted comment.
#include "minisign.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace mint::trust
{

namespace
{

constexpr std::size_t kPublicBytes = 42, kSecretBytes = 158, kSignatureBytes = 74;

std::vector<std::string_view> lines(std::string_view text)
{
    std::vector<std::string_view> out;
    while (!text.empty())
    {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        out.push_back(line);
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
    return out;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

/// Base64 (standard alphabet, padded) to exactly `size` bytes.
bool decode(std::string_view b64, std::size_t size, std::vector<unsigned char>& out)
{
    if (b64.empty())
        return false;  // (libsodium must not get a null buffer; found by fuzzing)
    out.assign(b64.size(), 0);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64.data() + b64.size() || len != size)
        return false;
    out.resize(len);
    return true;
}

std::string encode(const unsigned char* bin, std::size_t len)
{
    std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bin, len, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string hexId(const std::array<unsigned char, 8>& id)
{
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    for (int i = 7; i >= 0; --i)  // minisign prints the little-endian number
    {
        s += digits[id[static_cast<std::size_t>(i)] >> 4];
        s += digits[id[static_cast<std::size_t>(i)] & 15];
    }
    return s;
}

void secretChecksum(const SecretKey& k, unsigned char out[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, nullptr, 0, 32);
    crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>("Ed"), 2);
    crypto_generichash_update(&h, k.keyId.data(), k.keyId.size());
    crypto_generichash_update(&h, k.key.data(), k.key.size());
    crypto_generichash_final(&h, out, 32);
}

std::array<unsigned char, 64> prehash(std::string_view message)
{
    std::array<unsigned char, 64> h{};
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(message.data()), message.size(), nullptr, 0);
    return h;
}

std::string publicFileText(const PublicKey& k)
{
    unsigned char bin[kPublicBytes];
    std::memcpy(bin, "Ed", 2);
    std::memcpy(bin + 2, k.keyId.data(), 8);
    std::memcpy(bin + 10, k.key.data(), 32);
    return "untrusted comment: minisign public key " + k.idHex() + "\n" + encode(bin, sizeof bin) + "\n";
}

}  // namespace

std::string PublicKey::idHex() const
{
    return hexId(keyId);
}

bool initCrypto()
{
    return sodium_init() >= 0;
}

std::optional<PublicKey> parsePublicKey(std::string_view text, std::string& error)
{
    std::string_view keyLine;
    for (std::string_view l : lines(text))
        if (!l.empty() && !startsWith(l, "untrusted comment:"))
        {
            keyLine = l;
            break;
        }
    std::vector<unsigned char> bin;
    if (keyLine.empty() || !decode(keyLine, kPublicBytes, bin))
    {
        error = "not a minisign public key (expected a key line RW... of 56 characters)";
        return std::nullopt;
    }
    if (bin[0] != 'E' || bin[1] != 'd')
    {
        error = "not an Ed25519 minisign public key";
        return std::nullopt;
    }
    PublicKey k;
    std::copy(bin.begin() + 2, bin.begin() + 10, k.keyId.begin());
    std::copy(bin.begin() + 10, bin.end(), k.key.begin());
    return k;
}

std::optional<SecretKey> parseSecretKey(std::string_view text, std::string& error)
{
    const auto ls = lines(text);
    std::vector<unsigned char> bin;
    if (ls.size() < 2 || !startsWith(ls[0], "untrusted comment:") || !decode(ls[1], kSecretBytes, bin))
    {
        error = "not a minisign secret key file";
        return std::nullopt;
    }
    if (bin[0] != 'E' || bin[1] != 'd' || bin[4] != 'B' || bin[5] != '2')
    {
        error = "not an Ed25519 minisign secret key";
        return std::nullopt;
    }
    if (bin[2] != 0 || bin[3] != 0)
    {
        error = "the secret key is encrypted with a password; make an unencrypted one (minisign -G -W, or mint-catalog keygen)";
        return std::nullopt;
    }
    SecretKey k;
    const std::size_t at = 2 + 2 + 2 + 32 + 8 + 8;
    std::copy(bin.begin() + at, bin.begin() + at + 8, k.keyId.begin());
    std::copy(bin.begin() + at + 8, bin.begin() + at + 72, k.key.begin());
    unsigned char chk[32];
    secretChecksum(k, chk);
    // minisign 0.11 leaves the checksum of an unencrypted (-W) key all zero.
    if (!sodium_is_zero(bin.data() + at + 72, 32) && sodium_memcmp(chk, bin.data() + at + 72, 32) != 0)
    {
        error = "the secret key is damaged (checksum mismatch)";
        return std::nullopt;
    }
    return k;
}

std::optional<Signature> parseSignature(std::string_view text, std::string& error)
{
    const auto ls = lines(text);
    std::vector<unsigned char> sig, global;
    if (ls.size() < 4 || !startsWith(ls[0], "untrusted comment:") || !decode(ls[1], kSignatureBytes, sig) ||
        !startsWith(ls[2], "trusted comment: ") || !decode(ls[3], 64, global))
    {
        error = "not a minisign signature (expected 4 lines: untrusted comment, signature, trusted comment, global signature)";
        return std::nullopt;
    }
    Signature s;
    if (sig[0] == 'E' && sig[1] == 'D')
        s.prehashed = true;
    else if (sig[0] == 'E' && sig[1] == 'd')
        s.prehashed = false;
    else
    {
        error = "unknown signature algorithm";
        return std::nullopt;
    }
    std::copy(sig.begin() + 2, sig.begin() + 10, s.keyId.begin());
    std::copy(sig.begin() + 10, sig.end(), s.signature.begin());
    s.trustedComment = std::string(ls[2].substr(17));
    std::copy(global.begin(), global.end(), s.globalSignature.begin());
    return s;
}

const char* verdictText(Verdict v)
{
    switch (v)
    {
    case Verdict::Good: return "good signature";
    case Verdict::UnknownKey: return "signed by a key that is not trusted here";
    case Verdict::Legacy: return "a legacy (not prehashed) signature; sign with minisign's default (prehashed)";
    case Verdict::BadSignature: return "the signature does not match the file";
    case Verdict::BadComment: return "the signature's trusted comment was changed";
    }
    return "?";
}

Verdict verify(std::string_view message, const Signature& sig, const std::vector<PublicKey>& keys)
{
    return verifyPrehash(prehash(message), sig, keys);
}

bool prehashFile(const std::string& path, std::array<unsigned char, 64>& hash)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    crypto_generichash_state h;
    crypto_generichash_init(&h, nullptr, 0, hash.size());
    std::vector<unsigned char> buf(1 << 16);
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
        crypto_generichash_update(&h, buf.data(), n);
    const bool ok = !std::ferror(f);
    std::fclose(f);
    crypto_generichash_final(&h, hash.data(), hash.size());
    return ok;
}

Verdict verifyPrehash(const std::array<unsigned char, 64>& h, const Signature& sig, const std::vector<PublicKey>& keys)
{
    const auto key = std::find_if(keys.begin(), keys.end(), [&](const PublicKey& k) { return k.keyId == sig.keyId; });
    if (key == keys.end())
        return Verdict::UnknownKey;
    if (!sig.prehashed)
        return Verdict::Legacy;
    if (crypto_sign_verify_detached(sig.signature.data(), h.data(), h.size(), key->key.data()) != 0)
        return Verdict::BadSignature;
    std::vector<unsigned char> signedComment(sig.signature.begin(), sig.signature.end());
    signedComment.insert(signedComment.end(), sig.trustedComment.begin(), sig.trustedComment.end());
    if (crypto_sign_verify_detached(sig.globalSignature.data(), signedComment.data(), signedComment.size(), key->key.data()) != 0)
        return Verdict::BadComment;
    return Verdict::Good;
}

KeyPair generateKeyPair()
{
    PublicKey pub;
    SecretKey sec;
    crypto_sign_keypair(pub.key.data(), sec.key.data());
    randombytes_buf(pub.keyId.data(), pub.keyId.size());
    sec.keyId = pub.keyId;
    unsigned char bin[kSecretBytes] = {};
    std::memcpy(bin, "Ed", 2);  // kdf "\0\0": not encrypted
    std::memcpy(bin + 4, "B2", 2);
    const std::size_t at = 2 + 2 + 2 + 32 + 8 + 8;
    std::memcpy(bin + at, sec.keyId.data(), 8);
    std::memcpy(bin + at + 8, sec.key.data(), 64);
    secretChecksum(sec, bin + at + 72);
    KeyPair kp;
    kp.publicKey = pub;
    kp.publicText = publicFileText(pub);
    kp.secretText = "untrusted comment: minisign secret key " + pub.idHex() + " (not encrypted; keep it off the kiosks)\n" +
                    encode(bin, sizeof bin) + "\n";
    sodium_memzero(bin, sizeof bin);
    sodium_memzero(sec.key.data(), sec.key.size());
    return kp;
}

std::string sign(std::string_view message, const SecretKey& key, const std::string& trustedComment)
{
    const auto h = prehash(message);
    unsigned char sig[kSignatureBytes];
    std::memcpy(sig, "ED", 2);
    std::memcpy(sig + 2, key.keyId.data(), 8);
    crypto_sign_detached(sig + 10, nullptr, h.data(), h.size(), key.key.data());
    std::vector<unsigned char> signedComment(sig + 10, sig + 74);
    signedComment.insert(signedComment.end(), trustedComment.begin(), trustedComment.end());
    unsigned char global[64];
    crypto_sign_detached(global, nullptr, signedComment.data(), signedComment.size(), key.key.data());
    return "untrusted comment: signature from mint-catalog secret key " + hexId(key.keyId) + "\n" + encode(sig, sizeof sig) +
           "\ntrusted comment: " + trustedComment + "\n" + encode(global, sizeof global) + "\n";
}

}  // namespace mint::trust
