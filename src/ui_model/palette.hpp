// The kiosk's colours as plain data (no ImGui), so their contrast is checked by a unit test
// from the same table the screens draw with: every text or icon colour against every
// background it is drawn on (WCAG 2.x contrast ratio: 4.5:1 for text, 3:1 for large text
// and icons; 7:1 for everything in high contrast). ui/theme.cpp turns it into ImU32s.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace mint::ui
{

struct Rgba
{
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

/// The kiosk's colours by role, for any colour type: Palette (plain RGBA, here) and the
/// screens' Theme (ImGui colours, ui/theme.hpp) are the one list of roles.
template <class Color>
struct ColorSet
{
    Color background, surface, surfacePressed, text, textMuted, textOnAccent, header, headerText, accent, accentPressed, chip, chipText,
        chipActive, chipActiveText, free, freeText, border, shadow, warning, textOnWarning, overlay, disabled, disabledText;

    /// The same roles with every colour converted by `fn`.
    template <class Fn>
    auto map(Fn fn) const -> ColorSet<decltype(fn(background))>
    {
        return {fn(background), fn(surface),        fn(surfacePressed), fn(text),          fn(textMuted),   fn(textOnAccent),
                fn(header),     fn(headerText),     fn(accent),         fn(accentPressed), fn(chip),        fn(chipText),
                fn(chipActive), fn(chipActiveText), fn(free),           fn(freeText),      fn(border),      fn(shadow),
                fn(warning),    fn(textOnWarning),  fn(overlay),        fn(disabled),      fn(disabledText)};
    }
};
using Palette = ColorSet<Rgba>;

const Palette& palette(bool highContrast);

/// The fill of a subject (card bands, home buttons, map pins) and the ink drawn on it.
Rgba subjectFill(std::string_view subject, bool highContrast);
Rgba subjectInk(std::string_view subject, bool highContrast);

/// The shade under a picture's credit line (white text on it, over any picture).
Rgba creditShade();

/// One way the screens combine two colours: `fg` (text or icon) drawn on `bg`.
struct ColorPair
{
    const char* what;  ///< where it is used, for the test's message
    Rgba fg;
    Rgba bg;
    bool large;  ///< large text (>= 18.66 px bold / 24 px regular at 1080p) or an icon: 3:1 suffices
};

/// Every combination the screens draw, for the contrast test.
std::vector<ColorPair> colorPairs(bool highContrast);

/// WCAG 2.x relative luminance (0 black .. 1 white) and contrast ratio (1 .. 21). A colour
/// with alpha is first composited over `under`.
double relativeLuminance(Rgba c);
double contrastRatio(Rgba a, Rgba b);
Rgba over(Rgba top, Rgba under);

}  // namespace mint::ui
