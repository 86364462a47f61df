// Catalogue model helpers: enum keys, language fallback, lookups.
#include "model.hpp"

#include "text_index.hpp"

namespace mint::catalog
{

std::string_view LocalizedText::get(std::string_view lang, std::string_view defaultLang) const
{
    const Entry* fallback = nullptr;
    for (const auto& e : entries)
    {
        const std::string_view l = e.lang.empty() ? defaultLang : e.lang;
        if (l == lang)
            return e.text;
        if (l == defaultLang && !fallback)
            fallback = &e;
    }
    if (fallback)
        return fallback->text;
    return entries.empty() ? std::string_view{} : entries.front().text;
}

namespace
{
constexpr std::string_view kAudienceKeys[] = {"children",       "youth",    "parents",   "families",
                                              "school_classes", "teachers", "companies", "general_public"};
}

std::string_view audienceKey(Audience audience)
{
    const auto i = static_cast<std::size_t>(audience);
    return i < kAudienceCount ? kAudienceKeys[i] : std::string_view{};
}

std::optional<Audience> parseAudience(std::string_view key)
{
    for (std::size_t i = 0; i < kAudienceCount; ++i)
        if (kAudienceKeys[i] == key)
            return static_cast<Audience>(i);
    return std::nullopt;
}

std::string_view statusKey(OfferStatus status)
{
    switch (status)
    {
    case OfferStatus::Scheduled: return "scheduled";
    case OfferStatus::Cancelled: return "cancelled";
    case OfferStatus::Postponed: return "postponed";
    }
    return {};
}

std::string_view attendanceModeKey(AttendanceMode mode)
{
    switch (mode)
    {
    case AttendanceMode::Offline: return "offline";
    case AttendanceMode::Online: return "online";
    case AttendanceMode::Mixed: return "mixed";
    }
    return {};
}

std::optional<AttendanceMode> parseAttendanceMode(std::string_view key)
{
    if (key == "offline")
        return AttendanceMode::Offline;
    if (key == "online")
        return AttendanceMode::Online;
    if (key == "mixed")
        return AttendanceMode::Mixed;
    return std::nullopt;
}

std::string_view scheduleKindKey(ScheduleKind kind)
{
    switch (kind)
    {
    case ScheduleKind::None: return "none";
    case ScheduleKind::Single: return "single";
    case ScheduleKind::Recurring: return "recurring";
    case ScheduleKind::Course: return "course";
    case ScheduleKind::OnRequest: return "on_request";
    case ScheduleKind::OpeningHours: return "opening_hours";
    }
    return {};
}

std::string_view broaderSubject(std::string_view subject)
{
    struct Pair
    {
        std::string_view narrow, broad;
    };
    static constexpr Pair pairs[] = {
        {"physik", "naturwissenschaften"},
        {"chemie", "naturwissenschaften"},
        {"biologie", "naturwissenschaften"},
        {"astronomie", "naturwissenschaften"},
        {"geowissenschaften", "naturwissenschaften"},
        {"umwelt", "naturwissenschaften"},
        {"robotik", "technik"},
        {"elektronik", "technik"},
        {"handwerk", "technik"},
        {"energie", "technik"},
        {"programmierung", "informatik"},
        {"kuenstliche_intelligenz", "informatik"},
        {"medienbildung", "informatik"},
        {"statistik", "mathematik"},
    };
    for (const auto& p : pairs)
        if (p.narrow == subject)
            return p.broad;
    return {};
}

Catalog::Catalog() = default;
Catalog::~Catalog() = default;

const Offer* Catalog::findOffer(std::string_view id) const
{
    auto it = offerById.find(id);
    return it == offerById.end() ? nullptr : &offers[it->second];
}

std::optional<std::uint16_t> Catalog::subjectId(std::string_view key) const
{
    for (std::size_t i = 0; i < subjectNames.size(); ++i)
        if (subjectNames[i] == key)
            return static_cast<std::uint16_t>(i);
    return std::nullopt;
}

const Provider* Catalog::providerOf(const Offer& offer) const
{
    return offer.providerIndex >= 0 ? &providers[static_cast<std::size_t>(offer.providerIndex)] : nullptr;
}

std::string phonePagePath(std::string_view offerId)
{
    std::string safe;
    for (const char c : offerId)
        safe += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_';
    return "o/" + safe + ".html";
}

std::string phonePageUrl(const Catalog& catalog, const Offer& offer)
{
    if (catalog.phonePages.empty())
        return {};
    std::string base(catalog.phonePages);
    if (base.back() != '/')
        base += '/';
    return base + phonePagePath(offer.id);
}

const Place* Catalog::placeOf(const Offer& offer) const
{
    if (offer.placeIndex >= 0)
        return &places[static_cast<std::size_t>(offer.placeIndex)];
    return offer.location ? &*offer.location : nullptr;
}

}  // namespace mint::catalog
