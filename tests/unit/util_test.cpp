// SHA-256, HMAC, PBKDF2 against published test vectors; crash-safe writes.
#include "util/fs_util.hpp"
#include "util/sha256.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace mint::util;

TEST_CASE("sha256: FIPS 180 test vectors")
{
    CHECK(Sha256::hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Sha256::hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    Sha256 incremental;
    const std::string million(1000000, 'a');
    for (std::size_t i = 0; i < million.size(); i += 777)
        incremental.update(std::string_view(million).substr(i, 777));
    CHECK(toHex(incremental.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("hmac and pbkdf2: RFC 4231 and RFC 7914 vectors")
{
    CHECK(toHex(hmacSha256("key", "The quick brown fox jumps over the lazy dog")) ==
          "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    CHECK(toHex(pbkdf2Sha256("password", "salt", 1)) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    CHECK(toHex(pbkdf2Sha256("password", "salt", 2)) == "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
    CHECK(equalConstantTime("abc", "abc"));
    CHECK_FALSE(equalConstantTime("abc", "abd"));
    CHECK_FALSE(equalConstantTime("abc", "abcd"));
}

TEST_CASE("files: atomic write replaces content and leaves no temp file")
{
    const auto dir = std::filesystem::temp_directory_path() / ("mint-fs-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "x.txt").string();
    std::string error, content;
    REQUIRE(writeFileAtomic(path, "one", error));
    REQUIRE(writeFileAtomic(path, "two", error));
    REQUIRE(readWholeFile(path, content, error));
    CHECK(content == "two");
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        files += e.is_regular_file();
    CHECK(files == 1);
    CHECK_FALSE(writeFileAtomic((dir / "missing-folder" / "x").string(), "x", error));
    CHECK(error.find("cannot create") != std::string::npos);
    std::filesystem::remove_all(dir);
}
