// Phone pages; see phone_pages.hpp.
#include "phone_pages.hpp"

#include "catalog/schedule.hpp"
#include "catalog/time_util.hpp"
#include "util/fs_util.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace mint::publish
{

namespace
{

using namespace mint::catalog;

std::string esc(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (const char c : s)
    {
        switch (c)
        {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

/// Text with its line breaks as paragraphs.
std::string paragraphs(std::string_view s)
{
    std::string out;
    std::size_t start = 0;
    while (start <= s.size())
    {
        std::size_t end = s.find('\n', start);
        if (end == std::string_view::npos)
            end = s.size();
        const std::string_view line = s.substr(start, end - start);
        if (line.find_first_not_of(" \r\t") != std::string_view::npos)
            out += "<p>" + esc(line) + "</p>\n";
        start = end + 1;
    }
    return out;
}

bool safeUrl(std::string_view u)
{
    return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0;
}

const char* const kWeekdayDe[] = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};
const char* const kWeekdayEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* const kMonthDe[] = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                                "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
const char* const kMonthEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};

struct Civil
{
    int year, month, day, weekday, minutes;
};

Civil civil(const Catalog& c, Timestamp t)
{
    const LocalSeconds local = timeutil::toLocal(c.zone, t);
    const DayNumber dayNumber = static_cast<DayNumber>((local >= 0 ? local : local - 86399) / 86400);
    const std::string iso = timeutil::formatDate(dayNumber);
    Civil v{};
    std::sscanf(iso.c_str(), "%d-%d-%d", &v.year, &v.month, &v.day);
    v.weekday = timeutil::weekdayOf(dayNumber);
    v.minutes = static_cast<int>((local - static_cast<LocalSeconds>(dayNumber) * 86400) / 60);
    return v;
}

std::string clock(int minutes)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d:%02d", minutes / 60, minutes % 60);
    return buf;
}

/// "Mittwoch, 3. Dezember 2026, 15:00–17:00 Uhr" / "Wednesday, 3 December 2026, 15:00–17:00".
std::string when(const Catalog& c, const Occurrence& o, bool german)
{
    const Civil s = civil(c, o.start);
    std::string out = german ? std::string(kWeekdayDe[s.weekday]) + ", " + std::to_string(s.day) + ". " + kMonthDe[s.month - 1] + " " +
                                   std::to_string(s.year)
                             : std::string(kWeekdayEn[s.weekday]) + ", " + std::to_string(s.day) + " " + kMonthEn[s.month - 1] + " " +
                                   std::to_string(s.year);
    if (o.length > 0 && o.length < 86400 - 60)
        out += ", " + clock(s.minutes) + "–" + clock(civil(c, o.end()).minutes) + (german ? " Uhr" : "");
    else if (o.length == 0 && s.minutes)
        out += ", " + clock(s.minutes) + (german ? " Uhr" : "");
    return out;
}

/// "jeden Mittwoch, 15:00–17:00 Uhr, vom 13. Januar bis 7. April 2027" / "every Wednesday, …".
std::string ruleText(const RecurrenceRule& r, bool german)
{
    const char* const* names = german ? kWeekdayDe : kWeekdayEn;
    std::string days;
    for (int d = 0; d < 7; ++d)
        if (r.weekdays & (1u << d))
            days += (days.empty() ? "" : (german ? " und " : " and ")) + std::string(names[d]);
    std::string out = (german ? "jeden " : "every ") + days;
    if (r.endMinute > r.startMinute)
        out += ", " + clock(r.startMinute) + "–" + clock(r.endMinute) + (german ? " Uhr" : "");
    auto date = [&](DayNumber day)
    {
        int y = 0, m = 0, dd = 0;
        std::sscanf(timeutil::formatDate(day).c_str(), "%d-%d-%d", &y, &m, &dd);
        return german ? std::to_string(dd) + ". " + kMonthDe[m - 1] + " " + std::to_string(y)
                      : std::to_string(dd) + " " + kMonthEn[m - 1] + " " + std::to_string(y);
    };
    if (r.hasEndDate)
        out += (german ? ", vom " : ", from ") + date(r.startDate) + (german ? " bis " : " to ") + date(r.endDate);
    else
        out += (german ? ", ab " : ", from ") + date(r.startDate);
    return out;
}

std::vector<Occurrence> upcoming(const Offer& offer, Timestamp now, std::size_t max)
{
    std::vector<Occurrence> out;
    for (const auto& o : offer.schedule.dates())
        if (std::max(o.end(), o.start) >= now && out.size() < max)
            out.push_back(o);
    return out;
}

std::string priceText(const Offer& o, bool german)
{
    if ((o.isFree && *o.isFree) ||
        (!o.prices.empty() &&
         std::all_of(o.prices.begin(), o.prices.end(), [](const PriceSpec& p) { return p.price == "0" || p.price == "0.00"; })))
        return german ? "kostenlos" : "free";
    std::string out;
    for (const auto& p : o.prices)
    {
        std::string amount(p.price);
        if (german)
            std::replace(amount.begin(), amount.end(), '.', ',');
        if (!out.empty())
            out += ", ";
        const std::string_view name = p.name.get(german ? "de" : "en", "de");
        out += (name.empty() ? "" : std::string(name) + ": ") + amount +
               (p.currency == "EUR" || p.currency.empty() ? " €" : " " + std::string(p.currency));
    }
    return out;
}

const char* const kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;padding:0 1rem 2rem;line-height:1.5;color:#1a1a1a;background:#fff;font-size:1.0625rem;max-width:40rem;margin-inline:auto}
header{padding:1rem 0 .5rem;border-bottom:4px solid #00607a}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem;color:#00485c}
.lang{font-size:.95rem;margin:.5rem 0}
a{color:#00485c}
.button{display:inline-block;background:#00607a;color:#fff;text-decoration:none;padding:.8rem 1.2rem;border-radius:.5rem;margin:.25rem 0;min-height:48px;box-sizing:border-box;font-weight:600}
ul.dates{padding-left:1.2rem}
.cancelled{text-decoration:line-through;color:#6b1010}
.note{color:#444;font-size:.95rem}
footer{margin-top:2rem;font-size:.9rem;color:#444;border-top:1px solid #ccc;padding-top:.5rem}
ul.offers{list-style:none;padding:0;margin:0}
ul.offers li{border-bottom:1px solid #ddd}
ul.offers a{display:block;padding:.7rem 0;min-height:48px;box-sizing:border-box;text-decoration:none}
ul.offers a strong{text-decoration:underline}
ul.offers .note{display:block;color:#444}
header .lang a{display:inline-block;padding:.5rem 0;min-height:44px;box-sizing:border-box}
)";

void section(std::string& h, const Catalog& c, const Offer& o, Timestamp now, bool german)
{
    const std::string lang = german ? "de" : "en";
    const std::string_view def = c.defaultLanguage();
    h += "<section lang=\"" + lang + "\" id=\"" + lang + "\">\n";
    h += "<h1>" + esc(o.title.get(lang, def)) + "</h1>\n";
    if (o.status == OfferStatus::Cancelled)
        h += std::string("<p class=\"cancelled\"><strong>") + (german ? "Dieses Angebot fällt aus." : "This offer is cancelled.") +
             "</strong></p>\n";
    if (auto s = o.summary.get(lang, def); !s.empty())
        h += "<p><strong>" + esc(s) + "</strong></p>\n";
    if (auto d = o.description.get(lang, def); !d.empty())
        h += paragraphs(d);
    h += std::string("<h2>") + (german ? "Termine" : "Dates") + "</h2>\n";
    // A weekly series in one sentence, then only the next few dates.
    for (const auto& rule : o.schedule.rules)
        h += "<p><strong>" + esc(ruleText(rule, german)) + "</strong></p>\n";
    const auto dates = upcoming(o, now, o.schedule.rules.empty() ? 12 : 4);
    if (!dates.empty() && !o.schedule.rules.empty())
        h += std::string("<p>") + (german ? "Die nächsten Termine:" : "The next dates:") + "</p>\n";
    if (dates.empty())
        h += std::string("<p>") + (german ? "Nach Absprache." : "By arrangement.") + "</p>\n";
    else
    {
        h += "<ul class=\"dates\">\n";
        for (const auto& d : dates)
            h += std::string("<li") + (d.cancelled ? " class=\"cancelled\"" : "") + ">" + esc(when(c, d, german)) +
                 (d.cancelled ? (german ? " (fällt aus)" : " (cancelled)") : "") + "</li>\n";
        h += "</ul>\n";
        h += "<p><a class=\"button\" href=\"" +
             esc(std::filesystem::path(phonePagePath(o.id)).filename().replace_extension(".ics").string()) + "\">" +
             (german ? "In meinen Kalender" : "Add to my calendar") + "</a></p>\n";
    }
    if (const Place* p = c.placeOf(o))
    {
        h += std::string("<h2>") + (german ? "Ort" : "Place") + "</h2>\n<p>" + esc(p->name.get(lang, def));
        if (!p->address.street.empty())
            h += "<br>" + esc(p->address.street);
        if (!p->address.postalCode.empty() || !p->address.locality.empty())
            h += "<br>" + esc(p->address.postalCode) + (p->address.postalCode.empty() ? "" : " ") + esc(p->address.locality);
        h += "</p>\n";
        if (p->geo)
        {
            char q[96];
            std::snprintf(q, sizeof q, "%.6f,%.6f", p->geo->lat, p->geo->lon);
            char osm[160];
            std::snprintf(osm, sizeof osm, "https://www.openstreetmap.org/?mlat=%.6f&amp;mlon=%.6f#map=17/%.6f/%.6f", p->geo->lat,
                          p->geo->lon, p->geo->lat, p->geo->lon);
            h += std::string("<p><a class=\"button\" href=\"geo:") + q + "\">" +
                 (german ? "In der Karten-App öffnen" : "Open in my map app") + "</a> <a href=\"" + osm + "\">OpenStreetMap</a></p>\n";
        }
    }
    const std::string price = priceText(o, german);
    if (!price.empty())
        h += std::string("<h2>") + (german ? "Kosten" : "Price") + "</h2>\n<p>" + esc(price) + "</p>\n";
    if (o.ageRange.present)
    {
        h += std::string("<h2>") + (german ? "Alter" : "Age") + "</h2>\n<p>";
        if (o.ageRange.min > 0 && o.ageRange.max < 120)
            h += std::to_string(o.ageRange.min) + "–" + std::to_string(o.ageRange.max) + (german ? " Jahre" : " years");
        else if (o.ageRange.min > 0)
            h += (german ? "ab " : "from ") + std::to_string(o.ageRange.min) + (german ? " Jahren" : " years");
        else
            h += (german ? "bis " : "up to ") + std::to_string(o.ageRange.max) + (german ? " Jahre" : " years");
        h += "</p>\n";
    }
    if (o.registration.mode == RegistrationMode::Required || safeUrl(o.registration.url))
    {
        h += std::string("<h2>") + (german ? "Anmeldung" : "Registration") + "</h2>\n";
        if (safeUrl(o.registration.url))
            h += "<p><a class=\"button\" href=\"" + esc(o.registration.url) + "\">" + (german ? "Jetzt anmelden" : "Register now") +
                 "</a></p>\n";
        else
            h += std::string("<p>") + (german ? "Bitte vorher anmelden." : "Please register first.") + "</p>\n";
    }
    const Provider* provider = c.providerOf(o);
    if (!o.contact.email.empty() || !o.contact.phone.empty() || provider || safeUrl(o.url))
    {
        h += std::string("<h2>") + (german ? "Kontakt" : "Contact") + "</h2>\n<p>";
        if (provider)
            h += esc(provider->name.get(lang, def)) + "<br>";
        if (!o.contact.email.empty())
            h += "<a href=\"mailto:" + esc(o.contact.email) + "\">" + esc(o.contact.email) + "</a><br>";
        if (!o.contact.phone.empty())
        {
            std::string tel;
            for (const char ch : o.contact.phone)
                if ((ch >= '0' && ch <= '9') || ch == '+')
                    tel += ch;
            h += "<a href=\"tel:" + esc(tel) + "\">" + esc(o.contact.phone) + "</a><br>";
        }
        if (safeUrl(o.url))
            h += "<a href=\"" + esc(o.url) + "\">" + (german ? "Webseite des Angebots" : "The offer's website") + "</a>";
        h += "</p>\n";
    }
    h += "</section>\n";
}

std::string icsText(std::string_view s)
{
    std::string out;
    for (const char c : s)
    {
        if (c == '\\' || c == ';' || c == ',')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else if (c != '\r')
            out += c;
    }
    return out;
}

std::string icsUtc(Timestamp t)
{
    const std::string iso = timeutil::formatRfc3339(nullptr, t);  // "2026-11-28T15:00:00+00:00"
    std::string out;
    for (const char c : iso.substr(0, 19))
        if (c != '-' && c != ':')
            out += c;
    return out + "Z";
}

/// iCalendar lines are folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
std::string fold(const std::string& line)
{
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        const auto c = static_cast<unsigned char>(line[i]);
        if (width >= 74 && (c & 0xC0) != 0x80)
        {
            out += "\r\n ";
            width = 1;
        }
        out += line[i];
        ++width;
    }
    return out + "\r\n";
}

}  // namespace

std::string phonePageHtml(const Catalog& c, const Offer& o, Timestamp now)
{
    const std::string title(o.title.get("de", c.defaultLanguage()));
    std::string h = "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    esc(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<header>\n";
    h += "<p class=\"lang\"><a href=\"#de\" hreflang=\"de\">Deutsch</a> · <a href=\"#en\" hreflang=\"en\">English</a> · <a "
         "href=\"../index.html\">Alle Angebote</a></p>\n</header>\n<main>\n";
    section(h, c, o, now, true);
    h += "<hr>\n";
    section(h, c, o, now, false);
    h += "</main>\n<footer>\n";
    if (!o.images.empty() && !o.images[0].credit.empty())
        h += "<p>" + esc(o.images[0].credit.get("de", "de")) + "</p>\n";
    if (!c.license.empty())
        h += "<p>Daten / data: " + esc(c.license) + "</p>\n";
    h += "</footer>\n</body>\n</html>\n";
    return h;
}

std::string offerIcs(const Catalog& c, const Offer& o, Timestamp now, const std::string& stamp)
{
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//MINT Kiosk//mint-catalog//DE\r\nCALSCALE:GREGORIAN\r\n";
    std::size_t n = 0;
    const Place* p = c.placeOf(o);
    for (const auto& d : upcoming(o, now, 100))
    {
        ics += "BEGIN:VEVENT\r\n";
        ics += fold("UID:" + std::string(o.id) + "-" + std::to_string(n++) + "@mint-kiosk");
        ics += "DTSTAMP:" + stamp + "\r\n";
        ics += "DTSTART:" + icsUtc(d.start) + "\r\n";
        ics += "DTEND:" + icsUtc(d.length > 0 ? d.end() : d.start + 3600) + "\r\n";
        ics += fold("SUMMARY:" + icsText(o.title.get("de", c.defaultLanguage())));
        if (auto s = o.summary.get("de", c.defaultLanguage()); !s.empty())
            ics += fold("DESCRIPTION:" + icsText(s));
        if (p)
        {
            std::string where(p->name.get("de", c.defaultLanguage()));
            if (!p->address.street.empty())
                where += ", " + std::string(p->address.street);
            if (!p->address.locality.empty())
                where += ", " + std::string(p->address.postalCode) + (p->address.postalCode.empty() ? "" : " ") +
                         std::string(p->address.locality);
            ics += fold("LOCATION:" + icsText(where));
            if (p->geo)
            {
                char geo[64];
                std::snprintf(geo, sizeof geo, "GEO:%.6f;%.6f", p->geo->lat, p->geo->lon);
                ics += std::string(geo) + "\r\n";
            }
        }
        if (d.cancelled || o.status == OfferStatus::Cancelled)
            ics += "STATUS:CANCELLED\r\n";
        if (safeUrl(o.url))
            ics += fold("URL:" + std::string(o.url));
        ics += "END:VEVENT\r\n";
    }
    ics += "END:VCALENDAR\r\n";
    return ics;
}

std::string indexHtml(const Catalog& c, Timestamp now)
{
    std::vector<std::pair<Timestamp, const Offer*>> list;
    for (const auto& o : c.offers)
    {
        const auto next = upcoming(o, now, 1);
        list.emplace_back(next.empty() ? INT64_MAX : next[0].start, &o);
    }
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string h = "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>MINT-Angebote</title>\n<style>" +
                    std::string(kStyle) +
                    "</style>\n</head>\n<body>\n<header><h1>MINT-Angebote</h1>\n<p class=\"lang\" lang=\"en\">MINT "
                    "offers</p></header>\n<main>\n<ul class=\"offers\">\n";
    for (const auto& [next, o] : list)
    {
        h += "<li><a href=\"" + esc(phonePagePath(o->id)) + "\"><strong>" + esc(o->title.get("de", c.defaultLanguage())) + "</strong>";
        if (next != INT64_MAX)
        {
            Occurrence first;
            first.start = next;
            h += "<span class=\"note\">" + esc(when(c, first, true)) + "</span>";
        }
        h += "</a></li>\n";
    }
    h += "</ul>\n</main>\n</body>\n</html>\n";
    return h;
}

bool writePhonePages(const Catalog& c, Timestamp now, const std::string& dir, PhonePageStats& stats, std::string& error)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(dir) / "o", ec);
    const std::string stamp = [&]
    {
        std::string s;
        for (const char ch : timeutil::formatRfc3339(nullptr, now).substr(0, 19))
            if (ch != '-' && ch != ':')
                s += ch;
        return s + "Z";
    }();
    for (const auto& o : c.offers)
    {
        const std::string page = phonePageHtml(c, o, now), ics = offerIcs(c, o, now, stamp);
        const auto base = std::filesystem::path(dir) / phonePagePath(o.id);
        if (!util::writeFileAtomic(base.string(), page, error, false) ||
            !util::writeFileAtomic(std::filesystem::path(base).replace_extension(".ics").string(), ics, error, false))
            return false;
        stats.pages++;
        stats.bytes += page.size() + ics.size();
    }
    const std::string index = indexHtml(c, now);
    stats.bytes += index.size();
    return util::writeFileAtomic((std::filesystem::path(dir) / "index.html").string(), index, error, false);
}

}  // namespace mint::publish
