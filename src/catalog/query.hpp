// The query engine: filters, text search, sorting and facet counts over a Catalog.
// Pure logic: the kiosk UI and the mint-catalog CLI both call runQuery.
#pragma once

#include "model.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace mint::catalog
{

enum class SortOrder
{
    Next,
    Distance,
    Title
};

struct TimeWindow
{
    Timestamp from = 0;  ///< inclusive
    Timestamp to = 0;    ///< exclusive
};

struct Query
{
    Timestamp now = 0;                  ///< "now" for next dates and hiding past offers
    std::uint32_t audienceMask = 0;     ///< any of these audiences; 0 = all
    std::vector<std::string> subjects;  ///< any of these subjects (broad ones include narrow); empty = all
    std::optional<int> age;             ///< visitor's age inside the offer's age range
    std::optional<int> grade;           ///< school grade inside the offer's grade levels
    std::optional<TimeWindow> window;   ///< an occurrence overlaps the window
    bool freeOnly = false;
    std::optional<AttendanceMode> attendanceMode;
    std::optional<GeoPoint> near;    ///< distances are measured from here
    std::optional<double> radiusKm;  ///< with `near`: only offers this close
    std::string text;                ///< word prefixes, German folding
    bool includePast = false;
    bool includeCancelled = false;
    SortOrder sort = SortOrder::Next;
    std::size_t limit = 0;  ///< 0 = all results
};

struct ResultItem
{
    std::uint32_t offer = 0;         ///< index into Catalog::offers
    std::optional<Occurrence> next;  ///< next date (or opening period)
    std::optional<double> distanceKm;
    std::uint8_t textScore = 0;  ///< 0 without text search
};

struct QueryResult
{
    std::size_t total = 0;  ///< matches before `limit`
    std::vector<ResultItem> items;
    /// Facet counts: how many results each choice would give with all other filters kept.
    std::array<std::uint32_t, kAudienceCount> audienceCounts{};
    std::vector<std::uint32_t> subjectCounts;  ///< by Catalog subject id
    std::uint32_t freeCount = 0;
};

QueryResult runQuery(const Catalog& catalog, const Query& query);

/// Great-circle distance (haversine, mean Earth radius 6371.0088 km).
double haversineKm(const GeoPoint& a, const GeoPoint& b);

enum class WhenPreset
{
    Today,
    Tomorrow,
    Weekend,
    Next7Days
};
/// The window for a preset in the region's time zone. Weekend: Saturday 00:00 to
/// Monday 00:00 of this week's weekend (the current one on Saturday and Sunday).
TimeWindow windowFor(const date::time_zone* zone, Timestamp now, WhenPreset preset);

}  // namespace mint::catalog
