// Colours of the kiosk as ImGui colours, made from ui_model/palette (where the contrast
// test reads them): calm, a colour per broad subject; a high contrast variant.
#pragma once

#include "ui_model/palette.hpp"

#include <imgui.h>

#include <string_view>

namespace mint::ui
{

using Theme = ColorSet<ImU32>;

const Theme& theme(bool highContrast);
/// The colour of a broad subject (cards, buttons); narrower subjects use their broad one.
ImU32 subjectColor(std::string_view subject, bool highContrast);
/// Text or icons drawn on subjectColor (white, black in high contrast).
ImU32 subjectInkColor(std::string_view subject, bool highContrast);

}  // namespace mint::ui
