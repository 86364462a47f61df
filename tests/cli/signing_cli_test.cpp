// mint-catalog keygen, sign and verify against Debian's minisign: signatures made by each
// are verified by the other (with either side's keys), and every refusal has its exit code.
#include "support/run_process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace mint::test;

namespace
{

Run catalog(const std::vector<std::string>& args)
{
    return runProgram(MINT_CATALOG_EXE, args);
}

Run minisign(const std::vector<std::string>& args, const std::string& input = "")
{
    return runProgram("minisign", args, input);
}

/// A fresh folder with a copy of the demo feed in it.
fs::path workDir(const std::string& name)
{
    const fs::path d = processScratch() / name;
    fs::remove_all(d);
    fs::create_directories(d);
    fs::copy_file(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json", d / "feed.json");
    return d;
}

}  // namespace

TEST_CASE("signing: ours signs and minisign verifies, minisign signs and ours verifies, with either side's keys")
{
    const fs::path d = workDir("sign-compat");
    const std::string feed = (d / "feed.json").string();
    // Our keys, our signature, minisign verifies.
    Run r = catalog({"keygen", "--out", (d / "ours").string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK((fs::status(d / "ours.key").permissions() & fs::perms::others_read) == fs::perms::none);
    REQUIRE(catalog({"sign", feed, "--key", (d / "ours.key").string()}).exitCode == 0);
    r = minisign({"-V", "-p", (d / "ours.pub").string(), "-m", feed});
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("Signature and comment signature verified") != std::string::npos);
    CHECK(r.out.find("file:feed.json") != std::string::npos);
    // minisign's keys (unencrypted), minisign's signature, ours verifies (file and key line).
    REQUIRE(minisign({"-G", "-W", "-p", (d / "theirs.pub").string(), "-s", (d / "theirs.key").string()}).exitCode == 0);
    REQUIRE(minisign({"-S", "-s", (d / "theirs.key").string(), "-m", feed, "-t", "sequence 1"}).exitCode == 0);
    r = catalog({"verify", feed, "--pubkey", (d / "theirs.pub").string()});
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("trusted comment: sequence 1") != std::string::npos);
    const std::string pubText = slurp(d / "theirs.pub");
    const std::string keyLine = pubText.substr(pubText.find('\n') + 1, 56);
    CHECK(catalog({"verify", feed, "--pubkey", keyLine}).exitCode == 0);
    // Each side signs with the other's secret key.
    REQUIRE(minisign({"-S", "-W", "-s", (d / "ours.key").string(), "-m", feed}).exitCode == 0);
    CHECK(catalog({"verify", feed, "--pubkey", (d / "ours.pub").string()}).exitCode == 0);
    REQUIRE(catalog({"sign", feed, "--key", (d / "theirs.key").string(), "--comment", "from mint-catalog"}).exitCode == 0);
    r = minisign({"-V", "-p", (d / "theirs.pub").string(), "-m", feed});
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("from mint-catalog") != std::string::npos);
}

TEST_CASE("signing: refusals — another key, a changed feed, a legacy signature, garbage, no signature, an encrypted key")
{
    const fs::path d = workDir("sign-refuse");
    const std::string feed = (d / "feed.json").string();
    REQUIRE(catalog({"keygen", "--out", (d / "a").string()}).exitCode == 0);
    REQUIRE(catalog({"keygen", "--out", (d / "b").string()}).exitCode == 0);
    CHECK(catalog({"keygen", "--out", (d / "a").string()}).exitCode == 2);  // never overwrites a key by accident
    // No signature yet: an I/O error.
    CHECK(catalog({"verify", feed, "--pubkey", (d / "a.pub").string()}).exitCode == 2);
    REQUIRE(catalog({"sign", feed, "--key", (d / "a.key").string()}).exitCode == 0);
    Run r = catalog({"verify", feed, "--pubkey", (d / "b.pub").string()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("not trusted here") != std::string::npos);
    // One byte of the feed changed.
    std::string body = slurp(feed);
    body[body.size() / 2] ^= 1;
    writeScratch("sign-refuse/changed.json", body);
    fs::copy_file(d / "feed.json.minisig", d / "changed.json.minisig");
    r = catalog({"verify", (d / "changed.json").string(), "--pubkey", (d / "a.pub").string()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("does not match") != std::string::npos);
    // minisign's legacy format ("Ed", not prehashed).
    REQUIRE(minisign({"-G", "-W", "-p", (d / "m.pub").string(), "-s", (d / "m.key").string()}).exitCode == 0);
    REQUIRE(minisign({"-S", "-l", "-s", (d / "m.key").string(), "-m", feed, "-x", (d / "legacy.minisig").string()}).exitCode == 0);
    r = catalog({"verify", feed, "--pubkey", (d / "m.pub").string(), "--sig", (d / "legacy.minisig").string()});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("legacy") != std::string::npos);
    // Truncated and garbage signature files.
    const std::string good = slurp(d / "feed.json.minisig");
    writeScratch("sign-refuse/short.minisig", good.substr(0, good.size() / 2));
    writeScratch("sign-refuse/garbage.minisig", "<html>captive portal</html>\n");
    for (const char* bad : {"short.minisig", "garbage.minisig"})
    {
        r = catalog({"verify", feed, "--pubkey", (d / "a.pub").string(), "--sig", (d / bad).string()});
        CHECK_MESSAGE(r.exitCode == 1, bad);
        CHECK(r.err.find("not a minisign signature") != std::string::npos);
    }
    // A password-protected minisign key: a clear message instead of a prompt.
    REQUIRE(minisign({"-G", "-p", (d / "enc.pub").string(), "-s", (d / "enc.key").string()}, "pw\npw\n").exitCode == 0);
    r = catalog({"sign", feed, "--key", (d / "enc.key").string()});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("encrypted") != std::string::npos);
}
