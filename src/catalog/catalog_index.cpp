// Builds the catalogue's index after validation: time zone, occurrences, interned
// subjects (with their broader subject), ids, German title order and the text index.
#include "feed_parser.hpp"
#include "schedule.hpp"
#include "text_fold.hpp"
#include "text_index.hpp"
#include "time_util.hpp"

#include <algorithm>
#include <future>
#include <numeric>

namespace mint::catalog
{

void indexCatalog(Catalog& catalog, const FeedLimits& limits, std::vector<Issue>& issues)
{
    catalog.zone = timeutil::findZone(catalog.region.timezone);
    if (!catalog.zone)
        issues.push_back({Severity::Warning, "/region/timezone",
                          "time zone \"" + catalog.region.timezone + "\" is not installed (package tzdata?); times are taken as UTC"});

    // The text index needs only the decoded offers and their provider and place indices:
    // it is built on a second thread while this one expands schedules and sorts titles.
    // (A small catalogue builds it in this thread when it is asked for: no thread to start.)
    auto textIndex = std::async(catalog.offers.size() >= 2000 ? std::launch::async : std::launch::deferred,
                                [&catalog]
                                {
                                    auto index = std::make_unique<TextIndex>();
                                    index->build(catalog);
                                    return index;
                                });

    ExpandLimits expand;
    expand.maxOccurrences = limits.maxOccurrencesPerOffer;
    std::unordered_map<std::string_view, std::uint16_t> subjectIds;
    auto intern = [&](std::string_view key)
    {
        auto it = subjectIds.find(key);
        if (it != subjectIds.end())
            return it->second;
        const auto id = static_cast<std::uint16_t>(catalog.subjectNames.size());
        catalog.subjectNames.push_back(key);
        subjectIds.emplace(key, id);
        return id;
    };
    // The four broad subjects first, so their ids are stable and small.
    for (std::string_view broad : {"mathematik", "informatik", "naturwissenschaften", "technik"})
        intern(broad);

    catalog.offerById.clear();
    catalog.offerById.reserve(catalog.offers.size());
    // All occurrences go into one pool (dense for the query engine, one allocation): each
    // offer's are expanded into one reused scratch vector and appended right away, so the
    // per-offer vectors and the pool never exist side by side.
    catalog.occurrencePool.clear();
    std::vector<std::size_t> firstIndex(catalog.offers.size() + 1);
    std::vector<Occurrence> scratch;
    for (std::uint32_t i = 0; i < catalog.offers.size(); ++i)
    {
        Offer& o = catalog.offers[i];
        o.schedule.occurrences.swap(scratch);
        if (!expandSchedule(o.schedule, catalog.zone, expand))
            issues.push_back({Severity::Warning, "/offers",
                              "offer \"" + std::string(o.id) + "\": more than " + std::to_string(expand.maxOccurrences) +
                                  " dates; only the first ones are used"});
        o.schedule.occurrences.swap(scratch);
        auto& pool = catalog.occurrencePool;
        if (pool.size() + scratch.size() > pool.capacity())
        {
            // Grow to the expected total (the average so far times all offers), not by
            // doubling: one or two moves instead of a dozen, and no half-empty tail.
            const std::size_t expected = (pool.size() + scratch.size()) * catalog.offers.size() / (i + 1);
            pool.reserve(std::max(pool.size() + scratch.size(), expected + expected / 16));
        }
        firstIndex[i] = pool.size();
        pool.insert(pool.end(), scratch.begin(), scratch.end());
        o.subjectIds.clear();
        o.subjectMask = 0;
        auto addSubject = [&](std::string_view key)
        {
            const std::uint16_t id = intern(key);
            if (std::find(o.subjectIds.begin(), o.subjectIds.end(), id) != o.subjectIds.end())
                return;
            o.subjectIds.push_back(id);
            if (id < 64)
                o.subjectMask |= std::uint64_t{1} << id;
        };
        for (auto s : o.subjects)
        {
            addSubject(s);
            if (auto broad = broaderSubject(s); !broad.empty())
                addSubject(broad);
        }
        catalog.offerById.emplace(o.id, i);
    }

    firstIndex[catalog.offers.size()] = catalog.occurrencePool.size();
    for (std::size_t i = 0; i < catalog.offers.size(); ++i)
        catalog.offers[i].schedule.pooled = {catalog.occurrencePool.data() + firstIndex[i], firstIndex[i + 1] - firstIndex[i]};

    // German title order (DIN 5007-1), computed once so sorting a result is integer work.
    {
        const std::string_view lang = catalog.defaultLanguage();
        std::vector<std::string> keys(catalog.offers.size());
        for (std::size_t i = 0; i < keys.size(); ++i)
            keys[i] = foldForCollation(catalog.offers[i].title.get(lang, lang));
        std::vector<std::uint32_t> order(keys.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(),
                  [&](std::uint32_t a, std::uint32_t b)
                  { return keys[a] != keys[b] ? keys[a] < keys[b] : catalog.offers[a].id < catalog.offers[b].id; });
        catalog.titleRank.assign(keys.size(), 0);
        for (std::uint32_t r = 0; r < order.size(); ++r)
            catalog.titleRank[order[r]] = r;
        catalog.titleOrder = std::move(order);
    }

    // Hot query fields, one dense record per offer.
    constexpr std::uint32_t kAllAgesAudiences =
        (1u << static_cast<unsigned>(Audience::Children)) | (1u << static_cast<unsigned>(Audience::Youth)) |
        (1u << static_cast<unsigned>(Audience::Families)) | (1u << static_cast<unsigned>(Audience::SchoolClasses)) |
        (1u << static_cast<unsigned>(Audience::GeneralPublic));
    catalog.facts.assign(catalog.offers.size(), OfferFacts{});
    for (std::size_t i = 0; i < catalog.offers.size(); ++i)
    {
        const Offer& o = catalog.offers[i];
        OfferFacts& f = catalog.facts[i];
        f.subjectMask = o.subjectMask;
        f.audienceMask = o.audienceMask;
        f.ageMin = static_cast<std::int16_t>(o.ageRange.min);
        f.ageMax = static_cast<std::int16_t>(o.ageRange.max);
        f.gradeMin = static_cast<std::int8_t>(o.gradeLevels.min);
        f.gradeMax = static_cast<std::int8_t>(o.gradeLevels.max);
        f.mode = o.attendanceMode;
        if (o.isFree && *o.isFree)
            f.flags |= OfferFacts::kFree;
        if (o.status == OfferStatus::Cancelled)
            f.flags |= OfferFacts::kCancelled;
        if (o.ageRange.present)
            f.flags |= OfferFacts::kAgePresent;
        if (o.gradeLevels.present)
            f.flags |= OfferFacts::kGradePresent;
        if (o.audienceMask == 0 || (o.audienceMask & kAllAgesAudiences))
            f.flags |= OfferFacts::kAllAges;
        if (const Place* p = catalog.placeOf(o); p && p->geo)
        {
            f.flags |= OfferFacts::kHasGeo;
            f.lat = p->geo->lat;
            f.lon = p->geo->lon;
        }
        if (o.subjectIds.size() > 64 || std::any_of(o.subjectIds.begin(), o.subjectIds.end(), [](auto id) { return id >= 64; }))
            f.flags |= OfferFacts::kManySubjects;
        f.dates = o.schedule.view();
        if (!o.schedule.dates().empty())
        {
            f.firstLength = o.schedule.dates()[0].length;
            f.firstUsable = !o.schedule.dates()[0].cancelled;
        }
        if (isDated(o.schedule))
        {
            f.flags |= OfferFacts::kDated;
            f.firstStart = INT64_MAX;
            f.lastEnd = INT64_MIN;
            for (const auto& occ : o.schedule.dates())
            {
                f.firstStart = std::min(f.firstStart, occ.start);
                if (!occ.cancelled)
                    f.lastEnd = std::max(f.lastEnd, std::max(occ.end(), occ.start));
            }
        }
    }

    catalog.textIndex = textIndex.get();
}

}  // namespace mint::catalog
