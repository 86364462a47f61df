// Visitor choices -> Query; see browse_state.hpp.
#include "browse_state.hpp"

#include <algorithm>

namespace mint::ui {

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

catalog::Query BrowseState::toQuery(catalog::Timestamp now, const date::time_zone* zone,
                                    std::optional<catalog::GeoPoint> kiosk) const
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

}  // namespace mint::ui
