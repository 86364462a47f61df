// SHA-256, HMAC and PBKDF2 on libsodium; see sha256.hpp.
#include "sha256.hpp"

#include <sodium.h>

#include <cstring>

namespace mint::util
{

namespace
{

crypto_hash_sha256_state* state(unsigned char* raw)
{
    static_assert(sizeof(crypto_hash_sha256_state) <= 128, "the state buffer is too small");
    return reinterpret_cast<crypto_hash_sha256_state*>(raw);
}

const bool g_sodiumReady = sodium_init() >= 0;  // before main(): thread-safe and idempotent

}  // namespace

Sha256::Sha256()
{
    (void)g_sodiumReady;
    crypto_hash_sha256_init(state(m_state));
}

void Sha256::update(const void* data, std::size_t size)
{
    crypto_hash_sha256_update(state(m_state), static_cast<const unsigned char*>(data), size);
}

Sha256::Digest Sha256::finish()
{
    Digest d{};
    crypto_hash_sha256_final(state(m_state), d.data());
    return d;
}

Sha256::Digest Sha256::hash(std::string_view data)
{
    Digest d{};
    crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return d;
}

std::string Sha256::hex(std::string_view data)
{
    return toHex(hash(data));
}

std::string toHex(const std::uint8_t* data, std::size_t size)
{
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.resize(size * 2);
    return out;
}

Sha256::Digest hmacSha256(std::string_view key, std::string_view message)
{
    crypto_auth_hmacsha256_state s;
    crypto_auth_hmacsha256_init(&s, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&s, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    Sha256::Digest d{};
    crypto_auth_hmacsha256_final(&s, d.data());
    return d;
}

Sha256::Digest pbkdf2Sha256(std::string_view password, std::string_view salt, std::uint32_t iterations)
{
    // U1 = HMAC(P, S || INT(1)); Ui = HMAC(P, Ui-1); T = U1 ^ U2 ^ ... (one block).
    crypto_auth_hmacsha256_state keyed;
    crypto_auth_hmacsha256_init(&keyed, reinterpret_cast<const unsigned char*>(password.data()), password.size());
    const unsigned char blockIndex[4] = {0, 0, 0, 1};
    Sha256::Digest u{}, t{};
    crypto_auth_hmacsha256_state s = keyed;
    crypto_auth_hmacsha256_update(&s, reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
    crypto_auth_hmacsha256_update(&s, blockIndex, sizeof blockIndex);
    crypto_auth_hmacsha256_final(&s, u.data());
    t = u;
    for (std::uint32_t i = 1; i < iterations; ++i)
    {
        s = keyed;
        crypto_auth_hmacsha256_update(&s, u.data(), u.size());
        crypto_auth_hmacsha256_final(&s, u.data());
        for (std::size_t k = 0; k < t.size(); ++k)
            t[k] ^= u[k];
    }
    sodium_memzero(&keyed, sizeof keyed);
    return t;
}

bool equalConstantTime(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mint::util
