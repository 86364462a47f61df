// SHA-256, HMAC-SHA-256 and PBKDF2-HMAC-SHA-256 (FIPS 180-4, RFC 2104, RFC 8018).
// Used for the content-addressed image cache, the feed checksum in the cache metadata
// and the salted admin PIN hash. Written for this project; small and dependency-free.
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
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;  ///< bytes hashed
};

std::string toHex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string toHex(const std::array<std::uint8_t, N>& a)
{
    return toHex(a.data(), N);
}

Sha256::Digest hmacSha256(std::string_view key, std::string_view message);
/// PBKDF2 with HMAC-SHA-256, one 32-byte block (dkLen = 32).
Sha256::Digest pbkdf2Sha256(std::string_view password, std::string_view salt, std::uint32_t iterations);

/// Constant-time comparison (for PIN hashes).
bool equalConstantTime(std::string_view a, std::string_view b);

}  // namespace mint::util
