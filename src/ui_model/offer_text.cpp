// Offer facts as text; see offer_text.hpp.
#include "offer_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace mint::ui
{

namespace
{

bool isDecimal(std::string_view s)
{
    if (s.empty())
        return false;
    bool dot = false;
    for (char c : s)
    {
        if (c == '.' && !dot)
            dot = true;
        else if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return s.front() != '.' && s.back() != '.';
}

}  // namespace

std::string takeHomeUrl(const catalog::Catalog& catalog, const catalog::Offer& offer)
{
    if (!offer.registration.url.empty())
        return std::string(offer.registration.url);
    if (!offer.url.empty())
        return std::string(offer.url);
    return catalog::phonePageUrl(catalog, offer);  // the release's phone page (mint-catalog build), or none
}

std::string formatPrice(std::string_view decimal, std::string_view currency, std::string_view lang)
{
    std::string number(decimal);
    if (isDecimal(decimal))
    {
        // Always two decimals: "9" and "9.0" read "9,00".
        const auto dot = number.find('.');
        std::string whole = dot == std::string::npos ? number : number.substr(0, dot);
        std::string frac = dot == std::string::npos ? "" : number.substr(dot + 1);
        frac = (frac + "00").substr(0, std::max<std::size_t>(2, frac.size()));
        number = whole + (lang == "de" ? "," : ".") + frac;
    }
    const bool euro = currency == "EUR";
    if (lang == "de")
        return number + " " + (euro ? std::string("€") : std::string(currency));
    return euro ? "€" + number : number + " " + std::string(currency);
}

std::string formatClock(int minutes, std::string_view lang, bool withUnit)
{
    const int h = (minutes / 60) % 24, m = minutes % 60;
    char buf[32];
    if (lang == "de")
    {
        if (m == 0)
            std::snprintf(buf, sizeof buf, "%d", h);
        else
            std::snprintf(buf, sizeof buf, "%d:%02d", h, m);
        return std::string(buf) + (withUnit ? " Uhr" : "");
    }
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
    return buf;
}

std::string formatClockRange(int startMinutes, int endMinutes, std::string_view lang)
{
    if (endMinutes < 0 || endMinutes == startMinutes)
        return formatClock(startMinutes, lang);
    return formatClock(startMinutes, lang, false) + "–" + formatClock(endMinutes, lang);
}

std::string sentenceCase(std::string_view text)
{
    std::string out(text);
    std::size_t i = 0;
    while (i < out.size() && (out[i] == ' ' || out[i] == '"' || out[i] == '('))
        ++i;
    if (i >= out.size())
        return out;
    const auto c = static_cast<unsigned char>(out[i]);
    if (c < 0x80)
        out[i] = static_cast<char>(std::toupper(c));
    else if (c == 0xC3 && i + 1 < out.size())
    {
        // ä ö ü (U+00E4, U+00F6, U+00FC) -> Ä Ö Ü: the second byte minus 0x20.
        const auto d = static_cast<unsigned char>(out[i + 1]);
        if (d == 0xA4 || d == 0xB6 || d == 0xBC)
            out[i + 1] = static_cast<char>(d - 0x20);
    }
    return out;
}

}  // namespace mint::ui
