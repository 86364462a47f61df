// Feed decoding, providers, places, offers and stories; see feed_decoder.hpp and
// docs/feed-format.md.
#include "feed_decoder.hpp"

#include "time_util.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mint::catalog::detail
{

Address Decoder::address(const Value& obj)
{
    Address out;
    Value v = obj["address"];
    if (!present(v))
        return out;
    Scope s(*this, "address");
    if (!expectKind(v, Kind::Object))
        return out;
    out.street = name(v, "street");
    out.postalCode = string(v, "postal_code", false);
    out.locality = name(v, "locality");
    return out;
}

std::optional<GeoPoint> Decoder::geo(const Value& obj)
{
    Value v = obj["geo"];
    if (!present(v))
        return std::nullopt;
    Scope s(*this, "geo");
    if (!expectKind(v, Kind::Object))
        return std::nullopt;
    auto lat = number(v, "lat", -90, 90, true);
    auto lon = number(v, "lon", -180, 180, true);
    if (!lat || !lon)
        return std::nullopt;
    return GeoPoint{*lat, *lon};
}

Contact Decoder::contact(const Value& obj)
{
    Contact out;
    Value v = obj["contact"];
    if (!present(v))
        return out;
    Scope s(*this, "contact");
    if (!expectKind(v, Kind::Object))
        return out;
    out.email = string(v, "email", false);
    if (!out.email.empty() && out.email.find('@') == std::string_view::npos)
    {
        Scope sc(*this, "email");
        error("expected an e-mail address, got \"" + std::string(out.email.substr(0, 40)) + "\"");
    }
    out.phone = string(v, "phone", false);
    out.url = url(v, "url", false);
    return out;
}

Place Decoder::place(const Value& v, bool needId)
{
    Place out;
    if (!expectKind(v, Kind::Object))
        return out;
    if (needId)
        out.id = string(v, "id", true);
    out.name = text(v, "name", needId);
    out.address = address(v);
    out.geo = geo(v);
    if (!out.geo && !m_itemFailed)
        warn("has no geo {lat, lon}: it cannot be shown on the map or sorted by distance");
    return out;
}

Provider Decoder::provider(const Value& v)
{
    Provider out;
    if (!expectKind(v, Kind::Object))
        return out;
    out.id = string(v, "id", true);
    out.name = text(v, "name", true);
    out.url = url(v, "url", false);
    out.contact = contact(v);
    return out;
}

std::vector<Image> Decoder::images(const Value& obj)
{
    std::vector<Image> out;
    array(obj, "images", false,
          [&](const Value& v)
          {
              if (!expectKind(v, Kind::Object))
                  return;
              Image img;
              img.url = string(v, "url", true);
              if (!img.url.empty() && !isHttpUrl(img.url) && !isRelativeReference(img.url))
              {
                  Scope sc(*this, "url");
                  error("expected an http:// or https:// URL or a path relative to the feed, got \"" + std::string(img.url.substr(0, 60)) +
                        "\"");
              }
              img.alt = text(v, "alt", false);
              img.credit = text(v, "credit", false);
              img.license = string(v, "license", false);
              out.push_back(img);
          });
    return out;
}

IntRange Decoder::range(const Value& obj, std::string_view key, int min, int max)
{
    IntRange out;
    Value v = obj[key];
    if (!present(v))
        return out;
    Scope s(*this, key);
    if (!expectKind(v, Kind::Object))
        return out;
    auto lo = integer(v, "min", min, max, false);
    auto hi = integer(v, "max", min, max, false);
    out.min = lo ? static_cast<int>(*lo) : -1;
    out.max = hi ? static_cast<int>(*hi) : -1;
    out.present = lo || hi;
    if (lo && hi && *hi < *lo)
    {
        Scope sc(*this, "max");
        error("max is below min");
    }
    return out;
}

Offer Decoder::offer(const Value& v)
{
    Offer o;
    if (!expectKind(v, Kind::Object))
        return o;
    o.id = string(v, "id", true);
    o.type = string(v, "type", true);
    if (!o.type.empty() && !isKeyword(o.type))
    {
        Scope s(*this, "type");
        error("expected a lower-case type such as workshop or camp, got \"" + std::string(o.type.substr(0, 40)) + "\"");
    }
    o.title = text(v, "title", true);
    o.summary = text(v, "summary", false);
    o.description = text(v, "description", false);
    o.url = url(v, "url", false);
    o.providerId = string(v, "provider", false);
    o.subjects = stringArray(v, "subjects");
    for (std::size_t i = 0; i < o.subjects.size(); ++i)
        if (!isKeyword(o.subjects[i]))
        {
            Scope s(*this, "subjects");
            Scope si(*this, i);
            error("expected a lower-case subject key such as technik, got \"" + std::string(o.subjects[i].substr(0, 40)) + "\"");
        }
    {
        auto audiences = stringArray(v, "audiences");
        for (std::size_t i = 0; i < audiences.size(); ++i)
        {
            if (auto a = parseAudience(audiences[i]))
                o.audienceMask |= 1u << static_cast<unsigned>(*a);
            else
            {
                Scope s(*this, "audiences");
                Scope si(*this, i);
                warn("unknown audience \"" + std::string(audiences[i].substr(0, 40)) + "\" ignored");
            }
        }
    }
    o.ageRange = range(v, "age_range", 0, 120);
    o.gradeLevels = range(v, "grade_levels", 1, 13);
    o.schedule = schedule(v);
    {
        std::string_view status = string(v, "status", false);
        Scope s(*this, "status");
        if (status.empty() || status == "scheduled")
            o.status = OfferStatus::Scheduled;
        else if (status == "cancelled")
            o.status = OfferStatus::Cancelled;
        else if (status == "postponed")
            o.status = OfferStatus::Postponed;
        else
            error("expected scheduled, cancelled or postponed, got \"" + std::string(status.substr(0, 40)) + "\"");
    }
    {
        std::string_view mode = string(v, "attendance_mode", false);
        Scope s(*this, "attendance_mode");
        if (!mode.empty())
        {
            if (auto m = parseAttendanceMode(mode))
                o.attendanceMode = *m;
            else
                error("expected offline, online or mixed, got \"" + std::string(mode.substr(0, 40)) + "\"");
        }
    }
    o.placeId = string(v, "place", false);
    if (present(v["location"]))
    {
        Scope s(*this, "location");
        o.location = place(v["location"], false);
    }
    o.isFree = boolean(v, "is_free");
    array(v, "offers", false,
          [&](const Value& p)
          {
              if (!expectKind(p, Kind::Object))
                  return;
              PriceSpec spec;
              spec.name = text(p, "name", false);
              spec.price = string(p, "price", true);
              spec.currency = string(p, "currency", false);
              if (!spec.price.empty() && !isDecimal(spec.price))
              {
                  Scope s(*this, "price");
                  error("expected a decimal string like \"5.00\", got \"" + std::string(spec.price.substr(0, 20)) + "\"");
              }
              if (!spec.currency.empty() && !(spec.currency.size() == 3 && std::all_of(spec.currency.begin(), spec.currency.end(),
                                                                                       [](char c) { return c >= 'A' && c <= 'Z'; })))
              {
                  Scope s(*this, "currency");
                  error("expected an ISO 4217 code like \"EUR\", got \"" + std::string(spec.currency.substr(0, 20)) + "\"");
              }
              o.prices.push_back(spec);
          });
    if (!o.isFree && !o.prices.empty())
        o.isFree = std::all_of(o.prices.begin(), o.prices.end(), [](const PriceSpec& p) { return isZero(p.price); });
    if (Value r = v["registration"]; present(r))
    {
        Scope s(*this, "registration");
        if (expectKind(r, Kind::Object))
        {
            std::string_view mode = string(r, "mode", false);
            if (mode == "required")
                o.registration.mode = RegistrationMode::Required;
            else if (mode == "optional")
                o.registration.mode = RegistrationMode::Optional;
            else if (mode == "none")
                o.registration.mode = RegistrationMode::None;
            else if (!mode.empty())
            {
                Scope sc(*this, "mode");
                error("expected required, optional or none, got \"" + std::string(mode.substr(0, 40)) + "\"");
            }
            o.registration.url = url(r, "url", false);
            o.registration.closes = dateTime(r, "closes", false, true);
        }
    }
    o.contact = contact(v);
    o.images = images(v);
    if (Value a = v["accessibility"]; present(a))
    {
        Scope s(*this, "accessibility");
        if (expectKind(a, Kind::Object))
        {
            o.accessibility.wheelchair = boolean(a, "wheelchair");
            o.accessibility.info = text(a, "info", false);
        }
    }
    o.languages = stringArray(v, "languages");
    for (std::size_t i = 0; i < o.languages.size(); ++i)
        if (!isLanguageTag(o.languages[i]))
        {
            Scope s(*this, "languages");
            Scope si(*this, i);
            warn("\"" + std::string(o.languages[i].substr(0, 20)) + "\" is not a BCP 47 language tag");
        }
    o.dateModified = string(v, "date_modified", false);
    if (!o.dateModified.empty() && !timeutil::parseDateTime(o.dateModified, false))
    {
        Scope s(*this, "date_modified");
        warn("expected an RFC 3339 date and time with zone, got \"" + std::string(o.dateModified.substr(0, 40)) + "\"");
    }
    if (o.attendanceMode != AttendanceMode::Online && o.placeId.empty() && !o.location && !m_itemFailed)
        warn("has neither place nor location: it cannot be shown on the map");
    return o;
}

bool Decoder::isDecimal(std::string_view s)
{
    std::size_t i = 0, digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i, ++digits;
    if (digits == 0)
        return false;
    if (i == s.size())
        return true;
    if (s[i] != '.')
        return false;
    ++i;
    std::size_t frac = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i, ++frac;
    return i == s.size() && frac >= 1 && frac <= 4;
}

bool Decoder::isZero(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == '0' || c == '.'; });
}

Story Decoder::story(const Value& v)
{
    Story out;
    if (!expectKind(v, Kind::Object))
        return out;
    out.id = string(v, "id", true);
    out.title = text(v, "title", true);
    out.text = text(v, "text", false);
    out.images = images(v);
    out.offerId = string(v, "offer", false);
    out.date = string(v, "date", false);
    return out;
}

}  // namespace mint::catalog::detail
