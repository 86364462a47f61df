// SHA-256, HMAC-SHA-256 and PBKDF2-HMAC-SHA-256 on libsodium's primitives
// (crypto_hash_sha256, crypto_auth_hmacsha256). Used for the content-addressed image cache,
// the feed checksum in the cache metadata, and to check admin PIN hashes of the old
// "pbkdf2-sha256$…" format (new ones are Argon2id: config/kiosk_config.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mint::util
{

class Sha256
{
public:
    using Digest = std::array<std::uint8_t, 32>;
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    Digest finish();

    static Digest hash(std::string_view data);
    static std::string hex(std::string_view data);  ///< lower-case hex digest

private:
    alignas(64) unsigned char m_state[128];  ///< libsodium's crypto_hash_sha256_state (104 bytes)
};

std::string toHex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string toHex(const std::array<std::uint8_t, N>& a)
{
    return toHex(a.data(), N);
}

Sha256::Digest hmacSha256(std::string_view key, std::string_view message);
/// PBKDF2 with HMAC-SHA-256, one 32-byte block (dkLen = 32): RFC 8018's loop over
/// libsodium's HMAC.
Sha256::Digest pbkdf2Sha256(std::string_view password, std::string_view salt, std::uint32_t iterations);

/// Constant-time comparison (for PIN hashes).
bool equalConstantTime(std::string_view a, std::string_view b);

}  // namespace mint::util
