// Colours of the kiosk as ImGui colours, made from ui_model/palette (where the contrast
// test reads them): calm, a colour per broad subject; a high contrast variant.
#pragma once

#include <imgui.h>

#include <string_view>

namespace mint::ui
{

struct Theme
{
    ImU32 background, surface, surfacePressed, text, textMuted, textOnAccent, header, headerText, accent, accentPressed, chip, chipText,
        chipActive, chipActiveText, free, freeText, border, shadow, warning, textOnWarning, overlay, disabled, disabledText;
};

const Theme& theme(bool highContrast);
/// The colour of a broad subject (cards, buttons); narrower subjects use their broad one.
ImU32 subjectColor(std::string_view subject, bool highContrast);
/// Text or icons drawn on subjectColor (white, black in high contrast).
ImU32 subjectInkColor(std::string_view subject, bool highContrast);

}  // namespace mint::ui
