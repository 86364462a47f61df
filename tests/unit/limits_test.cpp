// Limits that protect a kiosk from hostile or broken feeds: each is a clear error.
#include "feed_builder.hpp"

#include "support/gzip.hpp"
#include <doctest/doctest.h>

using namespace mint::catalog;
using namespace mint::test;

TEST_CASE("limits: document size")
{
    FeedLimits limits;
    const std::string text = sampleFeed().dump();
    limits.maxDocumentBytes = text.size() - 1;
    auto r = loadCatalog(text, limits);
    CHECK_FALSE(r.accepted());
    CHECK(r.issues.at(0).message.find("larger than the limit") != std::string::npos);
    limits.maxDocumentBytes = text.size();
    CHECK(loadCatalog(text, limits).accepted());
}

TEST_CASE("limits: number of offers")
{
    Json offers = Json::array();
    for (int i = 0; i < 5; ++i)
        offers.push_back(sampleOffer("o" + std::to_string(i)));
    FeedLimits limits;
    limits.maxOffers = 4;
    auto r = load(sampleFeed(offers), limits);
    CHECK_FALSE(r.accepted());
    CHECK(r.issues.at(0).message.find("more than 4 offers") != std::string::npos);
    limits.maxOffers = 5;
    CHECK(load(sampleFeed(offers), limits).accepted());
}

TEST_CASE("limits: string length")
{
    Json offer = sampleOffer();
    offer["description"] = std::string(2000, 'x');
    FeedLimits limits;
    limits.maxStringBytes = 1000;
    auto r = load(sampleFeed(Json::array({offer})), limits);
    CHECK_FALSE(r.accepted());
    CHECK(r.issues.at(0).message.find("longer than the limit of 1000") != std::string::npos);
}

TEST_CASE("limits: nesting depth")
{
    Json offer = sampleOffer();
    Json deep = Json::array();
    for (int i = 0; i < 40; ++i)
        deep = Json::array({deep});
    offer["extra"] = deep;
    auto r = load(sampleFeed(Json::array({offer})));  // default depth limit: 32
    CHECK_FALSE(r.accepted());
    CHECK(r.issues.at(0).message.find("nesting deeper than the limit of 32") != std::string::npos);
}

TEST_CASE("limits: items in one array")
{
    Json offer = sampleOffer();
    offer["images"] = Json::array();
    for (int i = 0; i < 20; ++i)
        offer["images"].push_back({{"url", "https://example.org/" + std::to_string(i) + ".jpg"}});
    FeedLimits limits;
    limits.maxArrayItems = 10;
    auto r = load(sampleFeed(Json::array({offer, sampleOffer("ok")})), limits);
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers.size() == 1);
    CHECK(hasIssue(r, "/offers/0/images", "more than the limit of 10"));
}

TEST_CASE("limits: invalid UTF-8 anywhere rejects the feed with its position")
{
    std::string text = sampleFeed().dump();
    const auto pos = text.find("Einsteiger");
    REQUIRE(pos != std::string::npos);
    text[pos] = '\xFF';
    auto r = loadCatalog(text);
    CHECK_FALSE(r.accepted());
    CHECK(r.issues.at(0).message.find("invalid UTF-8") != std::string::npos);
    CHECK(r.issues.at(0).message.find("line 1, column") != std::string::npos);
}

TEST_CASE("limits: garbage bytes never crash")
{
    // A deterministic sweep of truncations and byte flips over a valid feed.
    const std::string text = sampleFeed(Json::array({sampleOffer("a"), sampleOffer("b")})).dump();
    std::size_t rejected = 0;
    for (std::size_t cut = 0; cut < text.size(); cut += 7)
    {
        auto r = loadCatalog(text.substr(0, cut));
        rejected += !r.accepted();
    }
    CHECK(rejected == (text.size() + 6) / 7);  // every truncation is rejected
    std::uint32_t seed = 12345;
    std::size_t loaded = 0;
    for (int round = 0; round < 300; ++round)
    {
        std::string mutated = text;
        for (int k = 0; k < 3; ++k)
        {
            seed = seed * 1103515245u + 12345u;
            mutated[(seed >> 8) % mutated.size()] = static_cast<char>(seed >> 24);
        }
        auto r = loadCatalog(mutated);
        if (r.accepted())
        {
            ++loaded;
            CHECK(r.catalog->offers.size() <= 2);
        }
        else
            CHECK(r.count(Severity::Fatal) >= 1);
    }
    CHECK(loaded < 300);
}

std::string gzipped(const std::string& text)
{
    return mint::test::gzipCompress(text);
}

TEST_CASE("limits: gzip feeds are inflated, bombs and damage are clear errors")
{
    const std::string text = sampleFeed().dump();
    const std::string gz = gzipped(text);
    REQUIRE(gz.size() < text.size());
    auto r = loadCatalog(gz);
    REQUIRE(r.accepted());
    CHECK(r.catalog->offers.size() == 1);

    // A bomb: 50 MB of spaces compress to ~50 KB; the limit stops it early.
    FeedLimits limits;
    limits.maxDocumentBytes = 1u << 20;
    auto bomb = loadCatalog(gzipped(std::string(50u << 20, ' ')), limits);
    CHECK_FALSE(bomb.accepted());
    CHECK(bomb.issues.at(0).message.find("inflates to more than the limit") != std::string::npos);

    std::string damaged = gz;
    damaged[damaged.size() / 2] ^= 0x55;
    damaged[damaged.size() / 2 + 1] ^= 0x55;
    auto broken = loadCatalog(damaged);
    CHECK_FALSE(broken.accepted());

    auto truncated = loadCatalog(gz.substr(0, gz.size() / 2));
    CHECK_FALSE(truncated.accepted());
    CHECK(truncated.issues.at(0).message.find("gzip data ends early") != std::string::npos);
}
