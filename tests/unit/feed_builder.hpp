// Test helper: builds small feeds in code, so each test states only what it changes.
#pragma once

#include "catalog/feed_parser.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace mint::test
{

using Json = nlohmann::ordered_json;

/// A valid offer in the shape of the issue's contract example.
inline Json sampleOffer(const std::string& id = "saar-0042")
{
    Json offer =
        Json::parse(R"({"id": "saar-0042", "type": "workshop", "title": {"de": "Löten für Einsteiger", "en": "Soldering for beginners"},
      "summary": {"de": "Wir bauen eine blinkende Weihnachtsmütze."}, "url": "https://example.org/angebote/42",
      "provider": "p-mint-werkstatt", "subjects": ["technik"], "audiences": ["children", "youth"],
      "age_range": {"min": 10, "max": 14}, "status": "scheduled", "attendance_mode": "offline",
      "schedule": {"kind": "recurring", "rules": [{"by_day": ["WE"], "start_date": "2026-11-04",
        "end_date": "2027-01-27", "start_time": "15:00", "end_time": "17:00", "except_dates": ["2026-12-23"]}]},
      "place": "pl-werkstatt", "is_free": false, "offers": [{"name": "Material", "price": "5.00", "currency": "EUR"}],
      "registration": {"mode": "required", "url": "https://example.org/anmeldung/42"},
      "images": [{"url": "https://example.org/img/42.jpg", "alt": {"de": "Kinder löten"}, "credit": "MINT-Werkstatt"}],
      "accessibility": {"wheelchair": true}, "languages": ["de"], "date_modified": "2026-11-20T08:00:00+01:00"})");
    offer["id"] = id;
    return offer;
}

inline Json withId(Json offer, const std::string& id)
{
    offer["id"] = id;
    return offer;
}

/// A valid feed around the given offers, with one provider and one place.
inline Json sampleFeed(Json offers = Json::array())
{
    Json feed = Json::parse(R"({"format": "mint-catalog", "version": 1, "sequence": 7,
      "generated_at": "2026-11-24T06:00:00+01:00", "license": "CC0-1.0", "attribution": "Test",
      "publisher": {"name": "Test-Netzwerk", "url": "https://example.org/", "email": "t@example.org"},
      "region": {"name": {"de": "Testregion"}, "bbox": [6.3, 49.1, 7.5, 49.7], "timezone": "Europe/Berlin",
                 "default_language": "de"},
      "providers": [{"id": "p-mint-werkstatt", "name": "MINT-Werkstatt", "url": "https://example.org/w"}],
      "places": [{"id": "pl-werkstatt", "name": "Werkstatt am Bahnhof",
                  "address": {"street": "Bahnhofstraße 1", "postal_code": "66111", "locality": "Saarbrücken"},
                  "geo": {"lat": 49.2354, "lon": 6.9969}}],
      "tombstones": []})");
    feed["offers"] = offers.is_array() && !offers.empty() ? offers : Json::array({sampleOffer()});
    return feed;
}

/// A feed with `offers` copies of the sample offer (ids o-0, o-1, ...; no pictures) and the given sequence.
inline std::string feedWithOffers(std::int64_t sequence, int offers = 3)
{
    Json list = Json::array();
    for (int i = 0; i < offers; ++i)
    {
        Json o = sampleOffer("o-" + std::to_string(i));
        o.erase("images");
        list.push_back(o);
    }
    Json feed = sampleFeed(list);
    feed["offers"] = list;  // sampleFeed puts a sample offer into an empty list
    feed["sequence"] = sequence;
    return feed.dump();
}

inline catalog::LoadResult load(const Json& feed, const catalog::FeedLimits& limits = {})
{
    return catalog::loadCatalog(feed.dump(), limits);
}

/// True when an issue with this pointer (and message part) was reported.
inline bool hasIssue(const catalog::LoadResult& r, const std::string& pointer, const std::string& messagePart = "",
                     catalog::Severity severity = catalog::Severity::Error)
{
    return std::any_of(r.issues.begin(), r.issues.end(),
                       [&](const catalog::Issue& i)
                       { return i.pointer == pointer && i.severity == severity && i.message.find(messagePart) != std::string::npos; });
}

inline std::string issuesText(const catalog::LoadResult& r)
{
    std::string out;
    for (const auto& i : r.issues)
        out += std::string(catalog::severityName(i.severity)) + " " + i.toString() + "\n";
    return out;
}

}  // namespace mint::test
