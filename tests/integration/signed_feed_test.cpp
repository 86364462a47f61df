// Signed feeds (feed.public_keys) against a real HTTP server on 127.0.0.1: a feed is
// installed only with a good <url>.minisig by a trusted key; a missing, garbage or foreign
// signature, or a feed changed after signing, leaves the cache byte for byte as it was and
// names the problem (error_kind "signature").
#include "support/sync_fixture.hpp"
#include "support/test_servers.hpp"
#include "trust/minisign.hpp"
#include "unit/feed_builder.hpp"

#include <doctest/doctest.h>

using namespace mint;
using namespace mint::test;
using sync::FailureKind;
using sync::SyncResult;

namespace
{

std::string keyLine(const trust::KeyPair& kp)
{
    return kp.publicText.substr(kp.publicText.find('\n') + 1, 56);
}

struct SignedServer
{
    HttpTestServer http;
    std::string body;
    std::string signature;  ///< "" = 404
    int version = 1;

    SignedServer()
    {
        http.server().Get("/feed.json",
                          [this](const httplib::Request&, httplib::Response& res)
                          {
                              res.set_header("ETag", "\"v" + std::to_string(version) + "\"");
                              res.set_content(body, "application/json");
                          });
        http.server().Get("/feed.json.minisig",
                          [this](const httplib::Request&, httplib::Response& res)
                          {
                              if (signature.empty())
                                  res.status = 404;
                              else
                                  res.set_content(signature, "text/plain");
                          });
    }
};

std::string feedWithSequence(int sequence)
{
    Json f = sampleFeed();
    f["offers"][0].erase("images");
    f["sequence"] = sequence;
    return f.dump();
}

}  // namespace

TEST_CASE("signed feeds: only a good signature by a trusted key installs a feed, every refusal keeps the cache")
{
    REQUIRE(trust::initCrypto());
    const trust::KeyPair network = trust::generateKeyPair(), next = trust::generateKeyPair(), stranger = trust::generateKeyPair();
    std::string error;
    const auto networkKey = trust::parseSecretKey(network.secretText, error), nextKey = trust::parseSecretKey(next.secretText, error),
               strangerKey = trust::parseSecretKey(stranger.secretText, error);
    REQUIRE(networkKey);
    SignedServer server;
    server.body = feedWithSequence(5);
    server.signature = trust::sign(server.body, *networkKey, "sequence 5");
    const std::string cache = makeTempDir("signed");
    // Two keys: the network's and the next one (a rotation under way).
    config::KioskConfig cfg = testConfig(server.http.url("/feed.json"), cache);
    cfg.feed.publicKeys = {keyLine(network), keyLine(next)};
    sync::CacheStore store(cache);
    sync::SyncEngine engine(cfg, store);
    auto s = engine.runOnce();
    REQUIRE_MESSAGE(s.result == SyncResult::Updated, s.detail);
    CHECK(s.sequence == 5);
    const std::string snapshot = cacheSnapshot(cache);

    struct Refusal
    {
        const char* what;
        std::string body, signature;
        const char* detail;
    };
    const std::string six = feedWithSequence(6);
    const Refusal refusals[] = {
        {"no signature", six, "", "no signature at "},
        {"garbage signature (a captive portal)", six, "<html>Please log in</html>", "not a minisign signature"},
        {"signed by a stranger", six, trust::sign(six, *strangerKey, "sequence 6"), "not trusted here"},
        {"changed after signing", six, trust::sign(feedWithSequence(7), *networkKey, "sequence 7"), "does not match"},
        {"the old signature with a new feed", six, server.signature, "does not match"},
    };
    for (const Refusal& r : refusals)
    {
        CAPTURE(r.what);
        server.body = r.body;
        server.signature = r.signature;
        ++server.version;
        s = engine.runOnce();
        CHECK(s.result == SyncResult::Failed);
        CHECK(s.failure == FailureKind::Signature);
        CHECK_MESSAGE(s.detail.find(r.detail) != std::string::npos, s.detail);
        CHECK(nlohmann::json::parse(sync::statusToJson(s))["error_kind"] == "signature");
        CHECK(cacheSnapshot(cache) == snapshot);  // not even parsed: nothing changed
        CHECK(engine.catalog()->sequence == 5);
    }
    // The rotation: a feed signed with the next key is taken.
    server.body = six;
    server.signature = trust::sign(six, *nextKey, "sequence 6");
    ++server.version;
    s = engine.runOnce();
    CHECK_MESSAGE(s.result == SyncResult::Updated, s.detail);
    CHECK(engine.catalog()->sequence == 6);
}

TEST_CASE("signed feeds: the configuration takes one or two key lines and names a bad one")
{
    const trust::KeyPair kp = trust::generateKeyPair();
    std::string error;
    const std::string cache = makeTempDir("signed-config");
    auto parse = [&](const std::string& keys)
    { return config::parseConfig(R"({"feed": {"url": "https://e.org/f.json", "public_keys": )" + keys + "}}", cache + "/k.json", error); };
    auto ok = parse("[\"" + keyLine(kp) + "\"]");
    REQUIRE_MESSAGE(ok, error);
    CHECK(ok->feed.publicKeys.size() == 1);
    CHECK_FALSE(parse("[]"));
    CHECK(error.find("feed.public_keys") != std::string::npos);
    CHECK_FALSE(parse("[\"" + keyLine(kp) + "\", \"" + keyLine(kp) + "\", \"" + keyLine(kp) + "\"]"));
    CHECK_FALSE(parse("[\"RWnotakey\"]"));
    CHECK(error.find("feed.public_keys[0]") != std::string::npos);
    CHECK_FALSE(parse("\"" + keyLine(kp) + "\""));
}

TEST_CASE("valid_until: a fetched feed past it is refused, and a kiosk whose clock is behind is not fooled")
{
    SignedServer server;  // serves without a signature: no keys configured here
    const std::string cache = makeTempDir("valid-until");
    config::KioskConfig cfg = testConfig(server.http.url("/feed.json"), cache);
    sync::CacheStore store(cache);
    sync::SyncEngine engine(cfg, store);
    std::int64_t now = 1795000000;  // 2026-11-18
    engine.clock = [&] { return now; };
    // Sequence 5, generated 2026-11-24, valid for a week: installed.
    Json f = sampleFeed();
    f["offers"][0].erase("images");
    f["sequence"] = 5;
    f["valid_until"] = "2026-12-01T06:00:00+01:00";
    server.body = f.dump();
    auto s = engine.runOnce();
    REQUIRE_MESSAGE(s.result == SyncResult::Updated, s.detail);
    const std::string snapshot = cacheSnapshot(cache);
    // Five weeks later, the server (or someone between) still serves a frozen feed: refused.
    now = 1798000000;  // 2026-12-23
    f["sequence"] = 6;
    server.body = f.dump();
    ++server.version;
    s = engine.runOnce();
    CHECK(s.failure == FailureKind::Expired);
    CHECK(s.detail.find("valid_until 2026-12-01T05:00:00Z has passed") != std::string::npos);
    CHECK(nlohmann::json::parse(sync::statusToJson(s))["error_kind"] == "expired");
    CHECK(cacheSnapshot(cache) == snapshot);
    // A kiosk without a real-time clock boots in 2000: "now" is still no earlier than the
    // newest generated_at it accepted (2026-11-24), so a feed that expired before that is refused.
    now = 946684800;
    sync::SyncEngine restarted(cfg, store);
    restarted.clock = [&] { return now; };
    REQUIRE(restarted.loadInstalled());
    CHECK(restarted.trustedNow() >= 1795496400);  // 2026-11-24T06:00:00+01:00
    f["sequence"] = 7;
    f["generated_at"] = "2026-11-20T06:00:00+01:00";
    f["valid_until"] = "2026-11-22T06:00:00+01:00";
    server.body = f.dump();
    ++server.version;
    s = restarted.runOnce();
    CHECK(s.failure == FailureKind::Expired);
    CHECK(cacheSnapshot(cache) == snapshot);
}
