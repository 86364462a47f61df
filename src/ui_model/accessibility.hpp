// The visitor's accessibility profile: chosen on the home screen, forgotten on idle.
#pragma once

namespace mint::ui
{

struct Accessibility
{
    bool largeText = false;
    bool highContrast = false;
    bool lowReach = false;

    /// Any part of the profile switched on (it also gives more time before the idle reset).
    bool any() const { return largeText || highContrast || lowReach; }
};

}  // namespace mint::ui
