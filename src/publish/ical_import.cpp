// Calendar import with libical; see ical_import.hpp.
#include "ical_import.hpp"

#include "german_values.hpp"
#include "text_encoding.hpp"
#include "util/utf8.hpp"
#include "vocabulary.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

namespace mint::publish
{

namespace
{

using Json = nlohmann::ordered_json;

/// Most dates an imported series is expanded to, and how far (a series without an end).
constexpr int kMaxDates = 400;
constexpr int kOpenEndDays = 366;

struct CalendarFree
{
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

std::string text(const char* s)
{
    // libical hands back bytes as the file had them after unfolding and unescaping: a
    // damaged file can leave a broken UTF-8 sequence (found by fuzzing), which the feed must
    // never carry.
    return s ? trim(util::validUtf8(s)) : std::string();
}

/// A property's date-time with its zone: TZID from the file's VTIMEZONE, else an IANA
/// zone of that name, else UTC for "Z" times; floating times stay floating (local).
icaltimetype timeOf(icalcomponent* calendar, icalproperty* p, icaltimetype t)
{
    if (icaltime_is_null_time(t) || icaltime_is_date(t))
        return t;
    if (icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER))
    {
        const char* id = icalparameter_get_tzid(tz);
        icaltimezone* zone = id ? icalcomponent_get_timezone(calendar, id) : nullptr;
        if (!zone && id)
            zone = icaltimezone_get_builtin_timezone(id);
        if (!zone && id)
            zone = icaltimezone_get_builtin_timezone_from_tzid(id);
        if (zone)
            t = icaltime_set_timezone(&t, zone);
    }
    return t;
}

icaltimetype propertyTime(icalcomponent* calendar, icalcomponent* event, icalproperty_kind kind)
{
    icalproperty* p = icalcomponent_get_first_property(event, kind);
    if (!p)
        return icaltime_null_time();
    icalvalue* v = icalproperty_get_value(p);
    if (!v)
        return icaltime_null_time();
    return timeOf(calendar, p, icalvalue_get_datetime(v));
}

struct Local
{
    CalendarDate date;
    int minutes = 0;
    std::string iso() const { return date.iso() + "T" + formatTime(minutes); }
};

/// The time as a local time in the region's zone.
Local toLocal(icaltimetype t, icaltimezone* region)
{
    if (!icaltime_is_date(t) && t.zone)
        t = icaltime_convert_to_zone(t, region);
    Local l;
    l.date = {t.year, t.month, t.day};
    l.minutes = icaltime_is_date(t) ? 0 : t.hour * 60 + t.minute;
    return l;
}

/// One date of an event: start and end local, cancelled or not.
struct Occurrence
{
    Local start, end;
    bool cancelled = false;
    std::string key;  ///< start date + time in the event's own terms (matches RECURRENCE-ID)
};

std::string keyOf(icaltimetype t)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d", t.year, t.month, t.day, icaltime_is_date(t) ? 0 : t.hour,
                  icaltime_is_date(t) ? 0 : t.minute);
    return buf;
}

struct Event
{
    icalcomponent* master = nullptr;
    std::vector<icalcomponent*> overrides;  ///< instances with a RECURRENCE-ID
};

/// The 1-based line where `needle` first appears in `text` (0 when it does not).
std::size_t lineOf(std::string_view text, const std::string& needle)
{
    if (needle.empty())
        return 0;
    const auto at = text.find(needle);
    if (at == std::string_view::npos)
        return 0;
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

/// "MINT-Werkstatt, Bahnhofstraße 12, 66111 Saarbrücken" -> name, street, postal code, town.
Json placeFrom(const std::string& location)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= location.size(); ++i)
        if (i == location.size() || location[i] == ',' || location[i] == '\n')
        {
            if (auto p = trim(std::string_view(location).substr(start, i - start)); !p.empty())
                parts.push_back(p);
            start = i + 1;
        }
    // Calendars often end an address with the country.
    for (const char* country : {"Deutschland", "Germany", "DE", "Frankreich", "France", "Luxemburg", "Luxembourg", "Österreich", "Schweiz"})
        if (parts.size() > 1 && parts.back() == country)
            parts.pop_back();
    Json place;
    place["name"] = parts.empty() ? location : parts[0];
    Json address = Json::object();
    if (parts.size() >= 2)
    {
        const std::string& last = parts.back();
        if (last.size() > 6 && std::all_of(last.begin(), last.begin() + 5, [](char c) { return c >= '0' && c <= '9'; }) && last[5] == ' ')
        {
            address["postal_code"] = last.substr(0, 5);
            address["locality"] = trim(last.substr(6));
            if (parts.size() >= 3)
                address["street"] = parts[parts.size() - 2];
        }
        else if (parts.size() >= 3)
        {
            address["street"] = parts[1];
            address["locality"] = last;
        }
        else
            address["locality"] = last;
    }
    if (!address.empty())
        place["address"] = address;
    return place;
}

}  // namespace

ImportResult importIcal(const std::string& file, std::string_view bytes, const ImportMapping& mapping, const std::string& zoneName)
{
    ImportResult result;
    const DecodedText decoded = toUtf8(bytes);
    result.encoding = encodingName(decoded.encoding);
    std::unique_ptr<icalcomponent, CalendarFree> calendar(icalparser_parse_string(decoded.text.c_str()));
    icalcomponent* cal = calendar.get();
    if (cal && icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
        cal = icalcomponent_get_first_component(cal, ICAL_VCALENDAR_COMPONENT);
    if (!cal)
    {
        result.problems.push_back({file, 0, "", "", "keine Kalenderdatei (BEGIN:VCALENDAR fehlt oder sie ist beschädigt)", true});
        return result;
    }
    icaltimezone* region = icaltimezone_get_builtin_timezone(zoneName.c_str());
    if (!region)
        region = icaltimezone_get_utc_timezone();

    // The provider: the mapping's, else the calendar's name, else the file's.
    std::string providerName = mapping.providerName;
    for (icalproperty* p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p && providerName.empty();
         p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
        if (const char* name = icalproperty_get_x_name(p); name && std::string(name) == "X-WR-CALNAME")
            providerName = text(icalproperty_get_x(p));
    if (providerName.empty())
        providerName = file.substr(0, file.rfind('.'));
    const std::string providerId = !mapping.providerId.empty() ? mapping.providerId : "p-" + slugOf(providerName, 40);
    {
        Json p;
        p["id"] = providerId;
        p["name"] = providerName;
        if (!mapping.providerUrl.empty())
            p["url"] = mapping.providerUrl;
        result.providers.push_back(p);
    }

    // Events by UID: the series and its moved or cancelled instances.
    std::map<std::string, Event> events;
    std::vector<std::string> order;
    for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
    {
        std::string uid = text(icalcomponent_get_uid(c));
        const bool isOverride = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY) != nullptr;
        if (uid.empty())
            uid = "ohne-uid-" + std::to_string(order.size() + 1);
        if (!events.count(uid))
            order.push_back(uid);
        Event& e = events[uid];
        if (isOverride)
            e.overrides.push_back(c);
        else
            e.master = e.master ? e.master : c;
    }
    if (order.empty())
        result.problems.push_back({file, 0, "", "", "der Kalender enthält keine Termine (VEVENT)", true});

    for (const std::string& uid : order)
    {
        ++result.rowsRead;
        Event& e = events[uid];
        icalcomponent* ev = e.master ? e.master : e.overrides.front();  // a moved instance alone is its own date
        const std::string title = text(icalcomponent_get_summary(ev));
        const std::size_t line = lineOf(decoded.text, "UID:" + uid);
        auto problem = [&](const std::string& message, bool error = true)
        {
            result.problems.push_back({file, line, "", uid, "Termin '" + (title.empty() ? uid : title) + "': " + message, error});
            return false;
        };
        if (title.empty())
        {
            problem("der Titel (SUMMARY) fehlt");
            ++result.rowsLeftOut;
            continue;
        }
        const icaltimetype start = propertyTime(cal, ev, ICAL_DTSTART_PROPERTY);
        if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start))
        {
            problem("der Beginn (DTSTART) fehlt oder ist kein Datum");
            ++result.rowsLeftOut;
            continue;
        }
        icaltimetype end = propertyTime(cal, ev, ICAL_DTEND_PROPERTY);
        if (icaltime_is_null_time(end))
        {
            const icaldurationtype d = icalcomponent_get_duration(ev);
            end = icaldurationtype_is_null_duration(d) || icaldurationtype_is_bad_duration(d)
                      ? (icaltime_is_date(start) ? icaltime_add(start, icaldurationtype_from_int(86400)) : start)
                      : icaltime_add(start, d);
        }
        const bool allDay = icaltime_is_date(start);
        const int lengthS = icaldurationtype_as_int(icaltime_subtract(end, start));
        if (lengthS < 0)
        {
            problem("das Ende (DTEND) liegt vor dem Beginn");
            ++result.rowsLeftOut;
            continue;
        }

        // The dates: the series expanded by libical, EXDATEs and overrides applied.
        std::vector<icaltimetype> starts;
        icalproperty* rruleProp = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
        icalrecurrencetype rule;
        icalrecurrencetype_clear(&rule);
        bool truncated = false;
        if (rruleProp && e.master)
        {
            rule = icalproperty_get_rrule(rruleProp);
            icaltimetype horizon = icaltime_add(start, icaldurationtype_from_int(kOpenEndDays * 86400));
            std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> it(icalrecur_iterator_new(rule, start),
                                                                                  icalrecur_iterator_free);
            if (!it)
            {
                problem("die Wiederholungsregel (RRULE) ist ungültig");
                ++result.rowsLeftOut;
                continue;
            }
            for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it.get()))
            {
                if (static_cast<int>(starts.size()) >= kMaxDates)
                {
                    truncated = true;
                    break;
                }
                if (rule.count == 0 && icaltime_is_null_time(rule.until) && icaltime_compare(t, horizon) > 0)
                    break;
                starts.push_back(t);
            }
        }
        else
            starts.push_back(start);
        std::set<std::string> rdateKeys;
        for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p && e.master;
             p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY))
        {
            const icaldatetimeperiodtype r = icalproperty_get_rdate(p);
            const icaltimetype t = timeOf(cal, p, icaltime_is_null_time(r.time) ? r.period.start : r.time);
            if (!icaltime_is_null_time(t))
            {
                starts.push_back(t);
                rdateKeys.insert(keyOf(t));
            }
        }
        std::set<std::string> excluded;
        for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
             p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
            excluded.insert(keyOf(timeOf(cal, p, icalproperty_get_exdate(p))));

        std::map<std::string, icalcomponent*> moved;  // RECURRENCE-ID key -> the instance
        for (icalcomponent* o : e.overrides)
            if (e.master)
                moved[keyOf(propertyTime(cal, o, ICAL_RECURRENCEID_PROPERTY))] = o;

        std::vector<Occurrence> dates;
        bool irregular = !rdateKeys.empty();
        for (const icaltimetype& t : starts)
        {
            Occurrence occ;
            occ.key = keyOf(t);
            icaltimetype s = t, en = icaltime_add(t, icaldurationtype_from_int(lengthS));
            if (auto m = moved.find(occ.key); m != moved.end())
            {
                if (icalcomponent_get_status(m->second) == ICAL_STATUS_CANCELLED)
                    occ.cancelled = true;
                else
                {
                    const icaltimetype ms = propertyTime(cal, m->second, ICAL_DTSTART_PROPERTY);
                    const icaltimetype me = propertyTime(cal, m->second, ICAL_DTEND_PROPERTY);
                    if (!icaltime_is_null_time(ms) && icaltime_compare(ms, t) != 0)
                        irregular = true;  // moved to another time: not a weekly rule any more
                    if (!icaltime_is_null_time(ms))
                        s = ms;
                    en = icaltime_is_null_time(me) ? icaltime_add(s, icaldurationtype_from_int(lengthS)) : me;
                }
            }
            if (excluded.count(occ.key))
                occ.cancelled = true;
            occ.start = toLocal(s, region);
            if (allDay)
            {
                // DTEND of an all-day event is the day after: the last day ends at 23:59.
                Local last = toLocal(icaltime_add(en, icaldurationtype_from_int(-86400)), region);
                occ.end = {last.date, 23 * 60 + 59};
            }
            else
                occ.end = toLocal(en, region);
            dates.push_back(occ);
        }
        std::sort(dates.begin(), dates.end(), [](const Occurrence& a, const Occurrence& b) { return a.start.iso() < b.start.iso(); });
        if (truncated)
            problem("die Serie hat mehr als " + std::to_string(kMaxDates) + " Termine; nur die ersten werden übernommen", false);

        Json schedule;
        const bool weekly = rruleProp && e.master && rule.freq == ICAL_WEEKLY_RECURRENCE && rule.interval <= 1 && !irregular && !allDay &&
                            dates.size() > 1 && dates.front().start.date.iso() == dates.front().end.date.iso() &&
                            dates.front().end.minutes > dates.front().start.minutes;
        if (weekly)
        {
            Json r;
            std::set<int> days;
            for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i)
                days.insert((static_cast<int>(icalrecurrencetype_day_day_of_week(rule.by_day[i])) + 5) % 7);  // SUNDAY=1 -> 6
            if (days.empty())
                days.insert((icaltime_day_of_week(start) + 5) % 7);
            for (int d : days)
                r["by_day"].push_back(weekdayCode(d));
            r["start_date"] = dates.front().start.date.iso();
            if (rule.count > 0 || !icaltime_is_null_time(rule.until))
                r["end_date"] = dates.back().start.date.iso();
            r["start_time"] = formatTime(dates.front().start.minutes);
            r["end_time"] = formatTime(dates.front().end.minutes);
            for (const auto& d : dates)
                if (d.cancelled)
                    r["except_dates"].push_back(d.start.date.iso());
            schedule = {{"kind", "recurring"}, {"rules", Json::array({r})}};
        }
        else if (dates.size() == 1 && !dates[0].cancelled && dates[0].start.date.iso() == dates[0].end.date.iso())
            schedule = {{"kind", "single"}, {"start", dates[0].start.iso()}, {"end", dates[0].end.iso()}};
        else
        {
            Json sessions = Json::array();
            for (const auto& d : dates)
            {
                // A date over several days (an all-day camp) becomes one session a day.
                CalendarDate day = d.start.date;
                for (int n = 0; n < 62 && day.iso() <= d.end.date.iso(); ++n, day = day.nextDay())
                {
                    const bool first = day.iso() == d.start.date.iso(), last = day.iso() == d.end.date.iso();
                    Json s;
                    s["start"] = Local{day, first ? d.start.minutes : 0}.iso();
                    s["end"] = Local{day, last ? d.end.minutes : 23 * 60 + 59}.iso();
                    if (d.cancelled)
                        s["status"] = "cancelled";
                    sessions.push_back(s);
                }
            }
            schedule = {{"kind", "course"}, {"sessions", sessions}};
        }

        Json o;
        // The UID's own part ("robo-ag@werkstatt.example" -> robo-ag): the domain is the same for
        // every event of a calendar.
        const std::string ownUid = uid.find('@') != std::string::npos && uid.find('@') > 0 ? uid.substr(0, uid.find('@')) : uid;
        o["id"] = slugOf(providerName, 32) + "-" + slugOf(ownUid, 40);
        o["type"] = mapping.type.empty() ? (dates.size() > 1 ? "course" : "event") : mapping.type;
        o["title"] = title;
        if (auto d = text(icalcomponent_get_description(ev)); !d.empty())
            o["description"] = d;
        if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY))
            if (auto u = text(icalproperty_get_url(p)); u.rfind("http", 0) == 0)
                o["url"] = u;
        o["provider"] = providerId;
        std::vector<std::string> subjects = mapping.subjects, audiences;
        for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
             p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY))
            for (const auto& c : splitList(text(icalproperty_get_categories(p))))
            {
                if (auto a = audienceKey(c))
                    audiences.push_back(*a);
                else
                    subjects.push_back(c);
            }
        std::set<std::string> seen;
        for (const auto& s : subjects)
            if (const std::string k = subjectKey(s); !k.empty() && seen.insert(k).second)
                o["subjects"].push_back(k);
        if (audiences.empty())
            for (const auto& a : mapping.audiences)
                audiences.push_back(audienceKey(a).value_or(toKey(a)));
        seen.clear();
        for (const auto& a : audiences)
            if (seen.insert(a).second)
                o["audiences"].push_back(a);
        o["schedule"] = schedule;
        if (e.master && icalcomponent_get_status(e.master) == ICAL_STATUS_CANCELLED)
            o["status"] = "cancelled";
        const std::string location = text(icalcomponent_get_location(ev));
        Json place = !location.empty() ? placeFrom(location) : mapping.place;
        if (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_GEO_PROPERTY))
        {
            const icalgeotype g = icalproperty_get_geo(p);
            if (g.lat >= -90 && g.lat <= 90 && g.lon >= -180 && g.lon <= 180 && !(g.lat == 0 && g.lon == 0))
            {
                if (place.is_null())
                    place = Json{{"name", "Treffpunkt"}};
                place["geo"] = {{"lat", g.lat}, {"lon", g.lon}};
            }
        }
        if (!place.is_null())
        {
            place.erase("id");
            o["location"] = place;
        }
        result.offers.push_back(std::move(o));
    }
    return result;
}

}  // namespace mint::publish
