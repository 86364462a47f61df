// Visitor choices -> Query; see browse_state.hpp.
#include "browse_state.hpp"

#include <algorithm>

namespace mint::ui
{

using catalog::Audience;

std::uint32_t audienceMaskFor(VisitorGroup group)
{
    auto bit = [](Audience a) { return 1u << static_cast<unsigned>(a); };
    switch (group)
    {
    case VisitorGroup::ChildrenYouth: return bit(Audience::Children) | bit(Audience::Youth);
    case VisitorGroup::ParentsFamilies: return bit(Audience::Parents) | bit(Audience::Families);
    case VisitorGroup::SchoolsTeachers: return bit(Audience::SchoolClasses) | bit(Audience::Teachers);
    case VisitorGroup::Companies: return bit(Audience::Companies);
    }
    return 0;
}

double radiusKm(DistanceChoice d)
{
    switch (d)
    {
    case DistanceChoice::Km5: return 5;
    case DistanceChoice::Km15: return 15;
    case DistanceChoice::Km30: return 30;
    case DistanceChoice::Any: break;
    }
    return 0;
}

void BrowseState::touchFilter(FilterKind kind, bool active)
{
    m_order.erase(std::remove(m_order.begin(), m_order.end(), kind), m_order.end());
    if (active)
        m_order.push_back(kind);
}

void BrowseState::setGroup(std::optional<VisitorGroup> g)
{
    group = g;
    touchFilter(FilterKind::Audience, g.has_value());
}
void BrowseState::setSubject(std::string s)
{
    subject = std::move(s);
    touchFilter(FilterKind::Subject, !subject.empty());
}
void BrowseState::setAge(std::optional<int> a)
{
    age = a;
    touchFilter(FilterKind::Age, a.has_value());
}
void BrowseState::setWhen(WhenChoice w)
{
    when = w;
    touchFilter(FilterKind::When, w != WhenChoice::Any);
}
void BrowseState::setFree(bool f)
{
    freeOnly = f;
    touchFilter(FilterKind::Free, f);
}
void BrowseState::setDistance(DistanceChoice d)
{
    distance = d;
    touchFilter(FilterKind::Distance, d != DistanceChoice::Any);
}
void BrowseState::setText(std::string t)
{
    text = std::move(t);
    touchFilter(FilterKind::Text, !text.empty());
}

std::optional<FilterKind> BrowseState::lastFilter() const
{
    if (m_order.empty())
        return std::nullopt;
    return m_order.back();
}

bool BrowseState::loosenLast()
{
    auto last = lastFilter();
    if (!last)
        return false;
    switch (*last)
    {
    case FilterKind::Audience: setGroup(std::nullopt); break;
    case FilterKind::Subject: setSubject(""); break;
    case FilterKind::Age: setAge(std::nullopt); break;
    case FilterKind::When: setWhen(WhenChoice::Any); break;
    case FilterKind::Free: setFree(false); break;
    case FilterKind::Distance: setDistance(DistanceChoice::Any); break;
    case FilterKind::Text: setText(""); break;
    }
    return true;
}

catalog::Query BrowseState::toQuery(catalog::Timestamp now, const date::time_zone* zone, std::optional<catalog::GeoPoint> kiosk) const
{
    catalog::Query q;
    q.now = now;
    if (group)
        q.audienceMask = audienceMaskFor(*group);
    if (!subject.empty())
        q.subjects = {subject};
    q.age = age;
    q.freeOnly = freeOnly;
    q.text = text;
    q.sort = sort;
    switch (when)
    {
    case WhenChoice::Today: q.window = catalog::windowFor(zone, now, catalog::WhenPreset::Today); break;
    case WhenChoice::Weekend: q.window = catalog::windowFor(zone, now, catalog::WhenPreset::Weekend); break;
    case WhenChoice::Week: q.window = catalog::windowFor(zone, now, catalog::WhenPreset::Next7Days); break;
    case WhenChoice::Any: break;
    }
    if (kiosk)
    {
        q.near = kiosk;
        if (distance != DistanceChoice::Any)
            q.radiusKm = radiusKm(distance);
    }
    return q;
}

std::map<std::string, int> chipCounts(const catalog::Catalog& cat, const BrowseState& b, catalog::Timestamp now,
                                      std::optional<catalog::GeoPoint> kiosk)
{
    std::map<std::string, int> out;
    auto count = [&](const std::string& id, BrowseState changed)
    {
        catalog::Query q = changed.toQuery(now, cat.zone, kiosk);
        q.sort = catalog::SortOrder::Title;
        q.limit = 1;
        out[id] = static_cast<int>(catalog::runQuery(cat, q).total);
    };
    for (int age : {6, 8, 10, 12, 14, 16})
    {
        BrowseState c = b;
        c.age = age;
        count("filter.age." + std::to_string(age), c);
    }
    const std::pair<const char*, WhenChoice> whens[] = {
        {"filter.when.today", WhenChoice::Today}, {"filter.when.weekend", WhenChoice::Weekend}, {"filter.when.week", WhenChoice::Week}};
    for (const auto& [id, w] : whens)
    {
        BrowseState c = b;
        c.when = w;
        count(id, c);
    }
    if (kiosk)
    {
        const std::pair<const char*, DistanceChoice> distances[] = {{"filter.distance.5", DistanceChoice::Km5},
                                                                    {"filter.distance.15", DistanceChoice::Km15},
                                                                    {"filter.distance.30", DistanceChoice::Km30}};
        for (const auto& [id, d] : distances)
        {
            BrowseState c = b;
            c.distance = d;
            count(id, c);
        }
    }
    return out;
}

}  // namespace mint::ui
