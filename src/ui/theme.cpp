// Colours; see theme.hpp. The values live in ui_model/palette.cpp.
#include "theme.hpp"

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
    return p.map(col);
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
