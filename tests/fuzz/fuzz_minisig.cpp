// Fuzz target: .minisig files, public and secret key files (fetched next to the feed, or
// pasted into the configuration).
#include "trust/minisign.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = mint::trust::initCrypto();
    static const mint::trust::KeyPair keys = mint::trust::generateKeyPair();
    (void)ready;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (auto sig = mint::trust::parseSignature(text, error))
        (void)mint::trust::verify("the feed", *sig, {keys.publicKey});
    (void)mint::trust::parsePublicKey(text, error);
    (void)mint::trust::parseSecretKey(text, error);
    return 0;
}
