// Spoken forms of an offer; see spoken_text.hpp.
#include "spoken_text.hpp"

#include "date_text.hpp"
#include "i18n.hpp"
#include "offer_text.hpp"

#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

namespace mint::ui
{

namespace
{

std::string word(const std::string& list, int index)
{
    std::istringstream in(list);
    std::string w;
    for (int i = 0; in >> w; ++i)
        if (i == index)
            return w;
    return {};
}

/// A sentence ends with a full stop (espeak-ng pauses there).
void sentence(std::string& out, const std::string& s)
{
    if (s.empty())
        return;
    out += (out.empty() ? "" : " ") + s;
    const char last = out.back();
    if (last != '.' && last != '!' && last != '?')
        out += '.';
}

}  // namespace

std::string spokenClock(const Translations& tr, int hour, int minuteOfHour)
{
    const int h12 = hour % 12 == 0 ? 12 : hour % 12;
    char minute[8];
    std::snprintf(minute, sizeof minute, "%02d", minuteOfHour);
    const std::map<std::string, std::string> values{
        {"h", std::to_string(hour)}, {"h12", std::to_string(h12)}, {"m", minute}, {"ampm", tr.tr(hour < 12 ? "speech.am" : "speech.pm")}};
    return tr.format(minuteOfHour == 0 ? "speech.time" : "speech.time_minutes", values);
}

std::string spokenDateTime(const Translations& tr, const date::time_zone* zone, catalog::Timestamp t)
{
    const LocalParts p = localParts(zone, t);
    const std::string date = tr.format("speech.date", {{"weekday", word(tr.tr("date.weekdays_long"), p.weekday)},
                                                       {"day", std::to_string(p.day)},
                                                       {"month", word(tr.tr("date.months_long"), p.month - 1)}});
    return date + ", " + spokenClock(tr, p.hour, p.minute);
}

std::string spokenPrice(const Translations& tr, std::string_view decimal, std::string_view currency, std::string_view lang)
{
    if (currency != "EUR")
        return formatPrice(decimal, currency, lang);
    const std::size_t dot = decimal.find('.');
    const std::string units(decimal.substr(0, dot));
    std::string cents = dot == std::string_view::npos ? "" : std::string(decimal.substr(dot + 1));
    if (units.empty() || units.find_first_not_of("0123456789") != std::string::npos ||
        cents.find_first_not_of("0123456789") != std::string::npos)
        return formatPrice(decimal, currency, lang);
    if (cents.size() == 1)
        cents += '0';
    if (cents.empty() || cents == "00")
        return tr.format("speech.price", {{"units", std::to_string(std::stoll(units.substr(0, 12)))}});
    return tr.format("speech.price_cents", {{"units", std::to_string(std::stoll(units.substr(0, 12)))},
                                            {"cents", std::to_string(std::stoi(cents.substr(0, 2)))}});
}

std::string spokenOffer(const Translations& tr, const catalog::Catalog& catalog, const catalog::Offer& offer, std::string_view lang,
                        catalog::Timestamp now)
{
    const std::string_view def = catalog.defaultLanguage();
    auto text = [&](const catalog::LocalizedText& t) { return std::string(t.get(lang, def)); };
    std::string out;
    sentence(out, text(offer.title));
    // When: the next date that has not ended, as said aloud.
    if (offer.schedule.kind == catalog::ScheduleKind::OnRequest)
        sentence(out, sentenceCase(tr.tr("card.on_request")));
    else if (offer.schedule.kind == catalog::ScheduleKind::OpeningHours)
        // "Geöffnet Dienstag, Mittwoch, Donnerstag, 14 Uhr bis 18 Uhr."
        for (const auto& h : offer.schedule.hours)
        {
            std::string days;
            for (int d = 0; d < 7; ++d)
                if (h.weekdays & (1u << d))
                    days += (days.empty() ? "" : ", ") + word(tr.tr("date.weekdays_long"), d);
            sentence(out, tr.format("speech.opening", {{"days", days},
                                                       {"from", spokenClock(tr, h.opensMinute / 60, h.opensMinute % 60)},
                                                       {"to", spokenClock(tr, h.closesMinute / 60 % 24, h.closesMinute % 60)}}));
        }
    else
        for (const auto& occ : offer.schedule.dates())
            if (!occ.cancelled && occ.end() >= now)
            {
                sentence(out, spokenDateTime(tr, regionZone(&catalog), occ.start));
                break;
            }
    if (const catalog::Place* p = catalog.placeOf(offer))
    {
        std::string where = text(p->name);
        if (!p->address.locality.empty() && std::string_view(p->address.locality) != where)
            where += ", " + std::string(p->address.locality);
        sentence(out, where);
    }
    if (offer.isFree && *offer.isFree)
        sentence(out, sentenceCase(tr.tr("card.free")));
    else if (!offer.prices.empty())
        sentence(out,
                 tr.format("speech.costs", {{"price", spokenPrice(tr, offer.prices.front().price, offer.prices.front().currency, lang)}}));
    const auto& age = offer.ageRange;
    if (age.present)
    {
        if (age.min >= 0 && age.max >= 0 && age.max < 99)
            sentence(out, tr.format("speech.age", {{"min", std::to_string(age.min)}, {"max", std::to_string(age.max)}}));
        else if (age.min >= 0)
            sentence(out, tr.format("speech.age_from", {{"min", std::to_string(age.min)}}));
        else
            sentence(out, tr.format("speech.age_to", {{"max", std::to_string(age.max)}}));
    }
    sentence(out, sentenceCase(text(offer.summary)));
    return out;
}

}  // namespace mint::ui
