// Colours; see theme.hpp.
#include "theme.hpp"

#include "catalog/model.hpp"

namespace mint::ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255)
{
    return IM_COL32(r, g, b, a);
}

}  // namespace

const Theme& theme(bool highContrast)
{
    static const Theme normal{
        rgb(241, 244, 247), rgb(255, 255, 255), rgb(226, 234, 241), rgb(28, 36, 48),    rgb(84, 96, 112),
        rgb(255, 255, 255), rgb(16, 78, 120),   rgb(255, 255, 255), rgb(16, 98, 150),   rgb(10, 70, 110),
        rgb(228, 238, 248), rgb(20, 70, 120),   rgb(16, 98, 150),   rgb(255, 255, 255), rgb(222, 244, 228),
        rgb(20, 110, 50),   rgb(205, 214, 224), rgb(0, 0, 0, 28),   rgb(190, 90, 20),   rgb(10, 20, 30, 170),
        rgb(170, 178, 188)};
    static const Theme contrast{
        rgb(0, 0, 0),       rgb(20, 20, 20),    rgb(60, 60, 60),    rgb(255, 255, 255), rgb(235, 235, 235),
        rgb(0, 0, 0),       rgb(0, 0, 0),       rgb(255, 255, 0),   rgb(255, 255, 0),   rgb(255, 220, 0),
        rgb(40, 40, 40),    rgb(255, 255, 0),   rgb(255, 255, 0),   rgb(0, 0, 0),       rgb(0, 70, 0),
        rgb(160, 255, 160), rgb(255, 255, 255), rgb(0, 0, 0, 0),    rgb(255, 170, 0),   rgb(0, 0, 0, 220),
        rgb(130, 130, 130)};
    return highContrast ? contrast : normal;
}

ImU32 subjectColor(std::string_view subject, bool highContrast)
{
    if (highContrast)
        return rgb(255, 255, 0);
    std::string_view broad = catalog::broaderSubject(subject);
    if (broad.empty())
        broad = subject;
    if (broad == "mathematik")
        return rgb(196, 62, 110);
    if (broad == "informatik")
        return rgb(58, 88, 180);
    if (broad == "naturwissenschaften")
        return rgb(34, 134, 88);
    if (broad == "technik")
        return rgb(214, 110, 24);
    return rgb(90, 100, 120);
}

}  // namespace mint::ui
