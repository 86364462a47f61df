// minisign keys and signatures (libsodium): round trip, and every refusal — another key,
// a flipped byte in the body, the signature or the trusted comment, a legacy signature,
// truncated and garbage files. Compatibility with Debian's minisign is in the CLI tests.
#include "trust/minisign.hpp"

#include <doctest/doctest.h>

#include <sodium.h>

using namespace mint;

namespace
{

/// Base64 of a signature file's second line, with one byte of the decoded bytes changed.
std::string flipInLine(const std::string& file, int lineIndex, std::size_t byte)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < file.size())
    {
        const auto nl = file.find('\n', start);
        lines.push_back(file.substr(start, nl - start));
        start = nl == std::string::npos ? file.size() : nl + 1;
    }
    std::string& l = lines[static_cast<std::size_t>(lineIndex)];
    std::vector<unsigned char> bin(l.size());
    std::size_t len = 0;
    REQUIRE(sodium_base642bin(bin.data(), bin.size(), l.data(), l.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
    bin[byte] ^= 1;
    std::string b64(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), bin.data(), len, sodium_base64_VARIANT_ORIGINAL);
    l = b64.c_str();
    std::string out;
    for (const auto& x : lines)
        out += x + "\n";
    return out;
}

}  // namespace

TEST_CASE("minisign: a key pair signs and verifies, the key id and formats are minisign's")
{
    REQUIRE(trust::initCrypto());
    const trust::KeyPair kp = trust::generateKeyPair();
    std::string error;
    const auto pub = trust::parsePublicKey(kp.publicText, error);
    REQUIRE_MESSAGE(pub, error);
    CHECK(pub->idHex() == kp.publicKey.idHex());
    CHECK(pub->idHex().size() == 16);
    CHECK(kp.publicText.rfind("untrusted comment: minisign public key " + pub->idHex() + "\nRW", 0) == 0);
    // A bare key line works as well as the file.
    const std::string keyLine = kp.publicText.substr(kp.publicText.find('\n') + 1, 56);
    CHECK(trust::parsePublicKey(keyLine, error));
    const auto sec = trust::parseSecretKey(kp.secretText, error);
    REQUIRE_MESSAGE(sec, error);
    const std::string feed = R"({"format": "mint-catalog", "sequence": 8})";
    const std::string sigText = trust::sign(feed, *sec, "timestamp:1800000000\tfile:feed.json\thashed");
    const auto sig = trust::parseSignature(sigText, error);
    REQUIRE_MESSAGE(sig, error);
    CHECK(sig->prehashed);
    CHECK(sig->trustedComment == "timestamp:1800000000\tfile:feed.json\thashed");
    CHECK(trust::verify(feed, *sig, {*pub}) == trust::Verdict::Good);
    // Two trusted keys (a rotation): the one with the signature's id is used.
    const trust::KeyPair other = trust::generateKeyPair();
    CHECK(trust::verify(feed, *sig, {other.publicKey, *pub}) == trust::Verdict::Good);
}

TEST_CASE("minisign: every refusal — other key, flipped bytes, changed comment, legacy, truncated, garbage")
{
    REQUIRE(trust::initCrypto());
    const trust::KeyPair kp = trust::generateKeyPair(), other = trust::generateKeyPair();
    std::string error;
    const auto sec = trust::parseSecretKey(kp.secretText, error);
    REQUIRE(sec);
    const std::string feed = "the feed's bytes";
    const std::string sigText = trust::sign(feed, *sec, "timestamp:1\tfile:f\thashed");
    const auto sig = trust::parseSignature(sigText, error);
    REQUIRE(sig);

    CHECK(trust::verify(feed, *sig, {other.publicKey}) == trust::Verdict::UnknownKey);
    CHECK(trust::verify(feed, *sig, {}) == trust::Verdict::UnknownKey);
    std::string body = feed;
    body[3] ^= 1;
    CHECK(trust::verify(body, *sig, {kp.publicKey}) == trust::Verdict::BadSignature);
    // A flipped byte in the signature itself (after the algorithm and key id) ...
    const auto badSig = trust::parseSignature(flipInLine(sigText, 1, 40), error);
    REQUIRE(badSig);
    CHECK(trust::verify(feed, *badSig, {kp.publicKey}) == trust::Verdict::BadSignature);
    // ... in the key id ...
    const auto badId = trust::parseSignature(flipInLine(sigText, 1, 5), error);
    REQUIRE(badId);
    CHECK(trust::verify(feed, *badId, {kp.publicKey}) == trust::Verdict::UnknownKey);
    // ... in the trusted comment, or in its global signature.
    std::string changed = sigText;
    changed.replace(changed.find("file:f"), 6, "file:g");
    const auto badComment = trust::parseSignature(changed, error);
    REQUIRE(badComment);
    CHECK(trust::verify(feed, *badComment, {kp.publicKey}) == trust::Verdict::BadComment);
    const auto badGlobal = trust::parseSignature(flipInLine(sigText, 3, 10), error);
    REQUIRE(badGlobal);
    CHECK(trust::verify(feed, *badGlobal, {kp.publicKey}) == trust::Verdict::BadComment);
    // A legacy "Ed" signature (not prehashed) is refused even when it would match.
    const auto legacy = trust::parseSignature(flipInLine(sigText, 1, 1), error);  // 'D' ^ 1 is not 'd': unknown
    CHECK_FALSE(legacy);
    std::string edText = sigText;
    {
        // Turn "ED" into "Ed" in the decoded bytes.
        std::string line = edText.substr(edText.find('\n') + 1, 100);
        line = line.substr(0, line.find('\n'));
        std::vector<unsigned char> bin(line.size());
        std::size_t len = 0;
        sodium_base642bin(bin.data(), bin.size(), line.data(), line.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL);
        bin[1] = 'd';
        std::string b64(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL), '\0');
        sodium_bin2base64(b64.data(), b64.size(), bin.data(), len, sodium_base64_VARIANT_ORIGINAL);
        edText.replace(edText.find(line), line.size(), b64.c_str());
    }
    const auto ed = trust::parseSignature(edText, error);
    REQUIRE(ed);
    CHECK_FALSE(ed->prehashed);
    CHECK(trust::verify(feed, *ed, {kp.publicKey}) == trust::Verdict::Legacy);

    // Files that are not signatures or keys: a clear error, never a crash.
    for (const std::string& bad :
         {std::string(), std::string("garbage"), sigText.substr(0, sigText.size() / 2), sigText.substr(0, sigText.find("trusted comment")),
          std::string(5000, 'A'), std::string("untrusted comment: x\n!!!!\ntrusted comment: y\n????\n")})
    {
        CHECK_FALSE(trust::parseSignature(bad, error));
        CHECK_FALSE(error.empty());
        CHECK_FALSE(trust::parsePublicKey(bad, error));
        CHECK_FALSE(trust::parseSecretKey(bad, error));
    }
    // A damaged secret key is noticed by its checksum.
    CHECK_FALSE(trust::parseSecretKey(flipInLine(kp.secretText, 1, 100), error));
    CHECK(error.find("checksum") != std::string::npos);
}
