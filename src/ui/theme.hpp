// Colours of the kiosk: calm, high enough contrast, a colour per broad subject; a high
// contrast variant for the accessibility toggle.
#pragma once

#include <imgui.h>

#include <string_view>

namespace mint::ui {

struct Theme
{
    ImU32 background, surface, surfacePressed, text, textMuted, textOnAccent, header, headerText, accent, accentPressed,
        chip, chipText, chipActive, chipActiveText, free, freeText, border, shadow, warning, overlay, disabled;
};

const Theme& theme(bool highContrast);
/// The colour of a broad subject (cards, buttons); narrower subjects use their broad one.
ImU32 subjectColor(std::string_view subject, bool highContrast);

}  // namespace mint::ui
