// Colours; see theme.hpp. The values live in ui_model/palette.cpp.
#include "theme.hpp"

#include "ui_model/palette.hpp"

namespace mint::ui
{

namespace
{

ImU32 col(Rgba c)
{
    return IM_COL32(c.r, c.g, c.b, c.a);
}

Theme makeTheme(const Palette& p)
{
    return Theme{col(p.background),   col(p.surface),  col(p.surfacePressed), col(p.text),           col(p.textMuted),
                 col(p.textOnAccent), col(p.header),   col(p.headerText),     col(p.accent),         col(p.accentPressed),
                 col(p.chip),         col(p.chipText), col(p.chipActive),     col(p.chipActiveText), col(p.free),
                 col(p.freeText),     col(p.border),   col(p.shadow),         col(p.warning),        col(p.textOnWarning),
                 col(p.overlay),      col(p.disabled), col(p.disabledText)};
}

}  // namespace

const Theme& theme(bool highContrast)
{
    static const Theme normal = makeTheme(palette(false));
    static const Theme contrast = makeTheme(palette(true));
    return highContrast ? contrast : normal;
}

ImU32 subjectColor(std::string_view subject, bool highContrast)
{
    return col(subjectFill(subject, highContrast));
}

ImU32 subjectInkColor(std::string_view subject, bool highContrast)
{
    return col(subjectInk(subject, highContrast));
}

}  // namespace mint::ui
