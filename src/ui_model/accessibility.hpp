// The visitor's accessibility profile: chosen on the home screen, forgotten on idle.
#pragma once

namespace mint::ui
{

struct Accessibility
{
    bool largeText = false;
    bool highContrast = false;
    bool lowReach = false;
};

}  // namespace mint::ui
