// What one visitor has chosen: audience, subject, age, when, free, distance, search text,
// sort; turned into a catalogue Query. Remembers the order filters were set so "nothing
// found" can offer to loosen the last one. Reset completely on idle.
#pragma once

#include "catalog/query.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mint::ui
{

/// The four "Who are you?" groups of the home screen.
enum class VisitorGroup
{
    ChildrenYouth,
    ParentsFamilies,
    SchoolsTeachers,
    Companies
};
std::uint32_t audienceMaskFor(VisitorGroup group);

enum class WhenChoice
{
    Any,
    Today,
    Weekend,
    Week
};
enum class DistanceChoice
{
    Any,
    Km5,
    Km15,
    Km30
};
double radiusKm(DistanceChoice d);

enum class FilterKind
{
    Audience,
    Subject,
    Age,
    When,
    Free,
    Distance,
    Text
};

struct BrowseState
{
    std::optional<VisitorGroup> group;
    std::string subject;  ///< "" = all
    std::optional<int> age;
    WhenChoice when = WhenChoice::Any;
    bool freeOnly = false;
    DistanceChoice distance = DistanceChoice::Any;
    std::string text;
    catalog::SortOrder sort = catalog::SortOrder::Next;

    void setGroup(std::optional<VisitorGroup> g);
    void setSubject(std::string s);
    void setAge(std::optional<int> a);
    void setWhen(WhenChoice w);
    void setFree(bool f);
    void setDistance(DistanceChoice d);
    void setText(std::string t);

    /// The filter set most recently, if any.
    std::optional<FilterKind> lastFilter() const;
    /// Clears the filter set most recently; false when there is none.
    bool loosenLast();
    bool anyFilter() const { return !m_order.empty(); }
    void reset() { *this = BrowseState{}; }

    /// The query for the catalogue at `now`; distances from the kiosk when it has a place.
    catalog::Query toQuery(catalog::Timestamp now, const date::time_zone* zone, std::optional<catalog::GeoPoint> kiosk) const;

private:
    void touchFilter(FilterKind kind, bool active);
    std::vector<FilterKind> m_order;
};

/// What each age, when and distance chip would give with the other choices kept (keys
/// like "filter.age.10", "filter.when.today", "filter.distance.15"): one count-only query
/// each (title order, limit 1, so no dates are computed for the matches).
std::map<std::string, int> chipCounts(const catalog::Catalog& cat, const BrowseState& b, catalog::Timestamp now,
                                      std::optional<catalog::GeoPoint> kiosk);

}  // namespace mint::ui
