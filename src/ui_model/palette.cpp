// The kiosk's colours and their contrast; see palette.hpp.
#include "palette.hpp"

#include "catalog/model.hpp"

#include <algorithm>
#include <cmath>

namespace mint::ui
{

namespace
{

constexpr Rgba rgb(int r, int g, int b, int a = 255)
{
    return Rgba{static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(a)};
}

constexpr Rgba kCreditShade = rgb(0, 0, 0, 190);

const std::string_view kSubjects[] = {"mathematik", "informatik", "naturwissenschaften", "technik", ""};

}  // namespace

const Palette& palette(bool highContrast)
{
    static const Palette normal{
        /*background*/ rgb(241, 244, 247),  /*surface*/ rgb(255, 255, 255),        /*surfacePressed*/ rgb(226, 234, 241),
        /*text*/ rgb(28, 36, 48),           /*textMuted*/ rgb(74, 85, 100),        /*textOnAccent*/ rgb(255, 255, 255),
        /*header*/ rgb(16, 78, 120),        /*headerText*/ rgb(255, 255, 255),     /*accent*/ rgb(16, 98, 150),
        /*accentPressed*/ rgb(10, 70, 110), /*chip*/ rgb(228, 238, 248),           /*chipText*/ rgb(20, 70, 120),
        /*chipActive*/ rgb(16, 98, 150),    /*chipActiveText*/ rgb(255, 255, 255), /*free*/ rgb(222, 244, 228),
        /*freeText*/ rgb(20, 110, 50),      /*border*/ rgb(205, 214, 224),         /*shadow*/ rgb(0, 0, 0, 28),
        /*warning*/ rgb(176, 78, 12),       /*textOnWarning*/ rgb(255, 255, 255),  /*overlay*/ rgb(10, 20, 30, 170),
        /*disabled*/ rgb(170, 178, 188),    /*disabledText*/ rgb(28, 36, 48)};
    // High contrast: black ground, white text, yellow controls with black ink (7:1 and more).
    static const Palette contrast{/*background*/ rgb(0, 0, 0),
                                  /*surface*/ rgb(20, 20, 20),
                                  /*surfacePressed*/ rgb(60, 60, 60),
                                  /*text*/ rgb(255, 255, 255),
                                  /*textMuted*/ rgb(235, 235, 235),
                                  /*textOnAccent*/ rgb(0, 0, 0),
                                  /*header*/ rgb(0, 0, 0),
                                  /*headerText*/ rgb(255, 255, 0),
                                  /*accent*/ rgb(255, 255, 0),
                                  /*accentPressed*/ rgb(255, 220, 0),
                                  /*chip*/ rgb(40, 40, 40),
                                  /*chipText*/ rgb(255, 255, 0),
                                  /*chipActive*/ rgb(255, 255, 0),
                                  /*chipActiveText*/ rgb(0, 0, 0),
                                  /*free*/ rgb(0, 70, 0),
                                  /*freeText*/ rgb(160, 255, 160),
                                  /*border*/ rgb(255, 255, 255),
                                  /*shadow*/ rgb(0, 0, 0, 0),
                                  /*warning*/ rgb(255, 170, 0),
                                  /*textOnWarning*/ rgb(0, 0, 0),
                                  /*overlay*/ rgb(0, 0, 0, 220),
                                  /*disabled*/ rgb(170, 170, 170),
                                  /*disabledText*/ rgb(0, 0, 0)};
    return highContrast ? contrast : normal;
}

Rgba creditShade()
{
    return kCreditShade;
}

Rgba subjectFill(std::string_view subject, bool highContrast)
{
    if (highContrast)
        return rgb(255, 255, 0);
    std::string_view broad = catalog::broaderSubject(subject);
    if (broad.empty())
        broad = subject;
    if (broad == "mathematik")
        return rgb(186, 52, 100);
    if (broad == "informatik")
        return rgb(58, 88, 180);
    if (broad == "naturwissenschaften")
        return rgb(24, 118, 74);
    if (broad == "technik")
        return rgb(176, 84, 10);
    return rgb(90, 100, 120);
}

Rgba subjectInk(std::string_view, bool highContrast)
{
    return highContrast ? rgb(0, 0, 0) : rgb(255, 255, 255);
}

std::vector<ColorPair> colorPairs(bool hc)
{
    const Palette& p = palette(hc);
    std::vector<ColorPair> pairs = {
        {"text on the page", p.text, p.background, false},
        {"text on a card", p.text, p.surface, false},
        {"text on a pressed card", p.text, p.surfacePressed, false},
        {"muted text on the page", p.textMuted, p.background, false},
        {"muted text on a card", p.textMuted, p.surface, false},
        {"button label", p.textOnAccent, p.accent, false},
        {"pressed button label", p.textOnAccent, p.accentPressed, false},
        {"header text", p.headerText, p.header, false},
        {"chip label", p.chipText, p.chip, false},
        {"active chip label", p.chipActiveText, p.chipActive, false},
        {"chip count badge", p.chipText, p.surface, false},
        {"free badge", p.freeText, p.free, false},
        {"warning badge and notices", p.textOnWarning, p.warning, false},
        {"cancelled date on the page", p.warning, p.background, false},
        {"disabled button label", p.disabledText, p.disabled, false},
        {"picture credit (white on the shaded corner, over white)", rgb(255, 255, 255), over(kCreditShade, rgb(255, 255, 255)), false},
        {"map attribution", rgb(40, 40, 40), over(rgb(255, 255, 255, 220), rgb(0, 0, 0)), false},
    };
    if (hc)
        pairs.push_back({"border of a control on the page", p.border, p.background, true});
    for (std::string_view s : kSubjects)
        pairs.push_back({"subject badge and button label", subjectInk(s, hc), subjectFill(s, hc), false});
    return pairs;
}

Rgba over(Rgba top, Rgba under)
{
    const double a = top.a / 255.0;
    auto mix = [&](std::uint8_t t, std::uint8_t u) { return static_cast<std::uint8_t>(std::lround(t * a + u * (1 - a))); };
    return Rgba{mix(top.r, under.r), mix(top.g, under.g), mix(top.b, under.b), 255};
}

double relativeLuminance(Rgba c)
{
    auto channel = [](std::uint8_t v)
    {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrastRatio(Rgba a, Rgba b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace mint::ui
