// The query engine; see query.hpp.
//
// One pass over the offers computes, per offer, a bit mask of the filters it fails.
// Results are the offers failing none; the facet of a dimension counts the offers that
// fail nothing but that dimension (so the UI can grey out choices that give nothing).
#include "query.hpp"

#include "schedule.hpp"
#include "text_index.hpp"
#include "time_util.hpp"

#include <algorithm>
#include <cmath>

namespace mint::catalog {

double haversineKm(const GeoPoint& a, const GeoPoint& b)
{
    constexpr double kEarthRadiusKm = 6371.0088;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (b.lat - a.lat) * kRad;
    const double dLon = (b.lon - a.lon) * kRad;
    const double s = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(s)));
}

TimeWindow windowFor(const date::time_zone* zone, Timestamp now, WhenPreset preset)
{
    const DayNumber today = timeutil::localDay(zone, now);
    auto day = [&](DayNumber d) { return timeutil::dayStartUtc(zone, d); };
    switch (preset)
    {
    case WhenPreset::Today: return {now, day(today + 1)};
    case WhenPreset::Tomorrow: return {day(today + 1), day(today + 2)};
    case WhenPreset::Next7Days: return {now, day(today + 7)};
    case WhenPreset::Weekend:
    {
        const int weekday = timeutil::weekdayOf(today);  // 5 = Saturday, 6 = Sunday
        const DayNumber saturday = weekday >= 5 ? today - (weekday - 5) : today + (5 - weekday);
        return {std::max(now, day(saturday)), day(saturday + 2)};
    }
    }
    return {now, now};
}

namespace {

enum FilterBit : std::uint32_t
{
    kAudience = 1u << 0,
    kSubject = 1u << 1,
    kAge = 1u << 2,
    kGrade = 1u << 3,
    kWindow = 1u << 4,
    kFree = 1u << 5,
    kMode = 1u << 6,
    kDistance = 1u << 7,
    kText = 1u << 8,
    kVisible = 1u << 9,
};

bool inRange(const IntRange& r, int value)
{
    return (r.min < 0 || value >= r.min) && (r.max < 0 || value <= r.max);
}

/// Audiences that include a visitor of any age; an offer without age_range for them is
/// open to every age, one only for teachers, parents or companies is not.
constexpr std::uint32_t kAllAgesAudiences =
    (1u << static_cast<unsigned>(Audience::Children)) | (1u << static_cast<unsigned>(Audience::Youth)) |
    (1u << static_cast<unsigned>(Audience::Families)) | (1u << static_cast<unsigned>(Audience::SchoolClasses)) |
    (1u << static_cast<unsigned>(Audience::GeneralPublic));

bool ageMatches(const Offer& o, int age)
{
    if (o.ageRange.present)
        return inRange(o.ageRange, age);
    return o.audienceMask == 0 || (o.audienceMask & kAllAgesAudiences) != 0;
}

bool gradeMatches(const Offer& o, int grade)
{
    if (o.gradeLevels.present)
        return inRange(o.gradeLevels, grade);
    return o.audienceMask == 0 || (o.audienceMask & kAllAgesAudiences) != 0;
}

}  // namespace

QueryResult runQuery(const Catalog& catalog, const Query& q)
{
    QueryResult result;
    result.subjectCounts.assign(catalog.subjectNames.size(), 0);
    const std::size_t n = catalog.offers.size();

    // Subject filter as ids; an unknown subject matches nothing.
    std::vector<std::uint16_t> subjectIds;
    std::uint64_t subjectMask = 0;
    bool subjectUnknown = false;
    for (const auto& s : q.subjects)
    {
        if (auto id = catalog.subjectId(s))
        {
            subjectIds.push_back(*id);
            if (*id < 64)
                subjectMask |= std::uint64_t{1} << *id;
        }
        else
            subjectUnknown = true;
    }
    const bool subjectFilter = !q.subjects.empty();
    const bool allSubjectsInMask =
        std::all_of(subjectIds.begin(), subjectIds.end(), [](std::uint16_t id) { return id < 64; });

    std::vector<std::uint8_t> textScores;
    const bool textFilter = !q.text.empty() && catalog.textIndex && catalog.textIndex->match(q.text, textScores);

    std::vector<ResultItem> matches;
    matches.reserve(std::min<std::size_t>(n, 4096));
    for (std::uint32_t i = 0; i < n; ++i)
    {
        const Offer& o = catalog.offers[i];
        std::uint32_t failed = 0;

        if (!q.includeCancelled && o.status == OfferStatus::Cancelled)
            failed |= kVisible;
        if (!q.includePast && isPast(o.schedule, q.now))
            failed |= kVisible;
        if (textFilter && textScores[i] == 0)
            failed |= kText;
        if (q.audienceMask && !(o.audienceMask & q.audienceMask))
            failed |= kAudience;
        if (subjectFilter)
        {
            bool hit = false;
            if (allSubjectsInMask)
                hit = (o.subjectMask & subjectMask) != 0;
            else
                for (auto id : subjectIds)
                    hit = hit || std::find(o.subjectIds.begin(), o.subjectIds.end(), id) != o.subjectIds.end();
            if (!hit || (subjectIds.empty() && subjectUnknown))
                failed |= kSubject;
        }
        if (q.age && !ageMatches(o, *q.age))
            failed |= kAge;
        if (q.grade && !gradeMatches(o, *q.grade))
            failed |= kGrade;
        if (q.freeOnly && !(o.isFree && *o.isFree))
            failed |= kFree;
        if (q.attendanceMode && o.attendanceMode != *q.attendanceMode &&
            o.attendanceMode != AttendanceMode::Mixed)
            failed |= kMode;

        std::optional<double> distance;
        if (q.near)
        {
            const Place* place = catalog.placeOf(o);
            if (place && place->geo)
                distance = haversineKm(*q.near, *place->geo);
            if (q.radiusKm && (!distance || *distance > *q.radiusKm))
                failed |= kDistance;
        }
        // The window check costs the most; skip it when the offer already fails twice
        // (it can then count in no facet and is no result).
        if (q.window && __builtin_popcount(failed) < 2 &&
            !occursWithin(o.schedule, catalog.zone, q.window->from, q.window->to, q.includeCancelled))
            failed |= kWindow;

        if (failed == 0)
        {
            ResultItem item;
            item.offer = i;
            item.distanceKm = distance;
            item.textScore = textFilter ? textScores[i] : 0;
            matches.push_back(item);
        }
        if ((failed & ~kAudience) == 0)
            for (std::size_t a = 0; a < kAudienceCount; ++a)
                if (o.audienceMask & (1u << a))
                    ++result.audienceCounts[a];
        if ((failed & ~kSubject) == 0)
            for (auto id : o.subjectIds)
                ++result.subjectCounts[id];
        if ((failed & ~kFree) == 0 && o.isFree && *o.isFree)
            ++result.freeCount;
    }

    // Next dates only for the results: after the window start when a window is set.
    const Timestamp from = q.window ? std::max(q.now, q.window->from) : q.now;
    for (auto& item : matches)
        item.next = nextOccurrence(catalog.offers[item.offer].schedule, catalog.zone, from, q.includeCancelled);

    const auto& ranks = catalog.titleRank;
    auto less = [&](const ResultItem& a, const ResultItem& b) {
        if (a.textScore != b.textScore)
            return a.textScore > b.textScore;  // title hits first
        switch (q.sort)
        {
        case SortOrder::Next:
        {
            // Dated offers by date; undated (on request) at the end.
            const Timestamp ta = a.next ? a.next->start : INT64_MAX;
            const Timestamp tb = b.next ? b.next->start : INT64_MAX;
            if (ta != tb)
                return ta < tb;
            break;
        }
        case SortOrder::Distance:
        {
            const double da = a.distanceKm ? *a.distanceKm : 1e18;
            const double db = b.distanceKm ? *b.distanceKm : 1e18;
            if (da != db)
                return da < db;
            break;
        }
        case SortOrder::Title: break;
        }
        return ranks[a.offer] < ranks[b.offer];
    };
    result.total = matches.size();
    if (q.limit && q.limit < matches.size())
    {
        std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(q.limit), matches.end(), less);
        matches.resize(q.limit);
    }
    else
        std::sort(matches.begin(), matches.end(), less);
    result.items = std::move(matches);
    return result;
}

}  // namespace mint::catalog
