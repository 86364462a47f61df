// TrueType fonts from Debian's fonts-noto-core, loaded at sizes that follow the screen,
// with the glyphs German and English need („“ – … € ẞ). Text helpers that draw feed
// text as plain text (never as a format string), wrapped or ellipsized.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace mint::ui
{

struct Fonts
{
    ImFont* regular = nullptr;  ///< body text
    ImFont* bold = nullptr;     ///< titles and buttons
    float baseSize = 0;         ///< the size both were rasterised at
};

/// Finds a font file: `override` if set, else Noto Sans from fonts-noto-core (or DejaVu).
std::string findFontFile(bool bold, const std::string& overridePath = "");

/// Builds the atlas: regular and bold at `sizePx` (drawn smaller or larger as needed).
/// Returns false when no font file was found (ImGui's built-in font is used then).
bool loadFonts(Fonts& fonts, float sizePx, std::string& error, const std::string& regularOverride = "",
               const std::string& boldOverride = "");

/// Text cut to `maxWidth` with "…" at a UTF-8 boundary.
std::string ellipsize(ImFont* font, float size, std::string_view text, float maxWidth);

/// A button label fitted to its button: one line, else two lines split at the space that
/// balances them, else a little smaller; ellipsized only when nothing else fits (a primary
/// button should never end in "…").
struct FittedLabel
{
    std::vector<std::string> lines;
    float size = 0;
    bool ellipsized = false;
};
FittedLabel fitLabel(ImFont* font, float size, std::string_view text, float maxWidth, float maxHeight);

/// Draws text wrapped to `wrapWidth`, at most `maxLines` lines (the last ellipsized);
/// returns the height used.
float drawWrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, float wrapWidth, int maxLines);

/// Height drawWrapped would use.
float measureWrapped(ImFont* font, float size, std::string_view text, float wrapWidth, int maxLines);

/// Where every text of a frame went, for the UI tests' layout check (overlaps, cut-off
/// text, ellipses on buttons). Off (null) except in scripted runs; screens set `tag` around
/// drawing that may cover others by design ("map": the map canvas, "overlay": notices).
struct TextRecorder
{
    struct Text
    {
        std::string text;
        float x0, y0, x1, y1;      ///< where the glyphs go (pixels)
        float cx0, cy0, cx1, cy1;  ///< the clip rectangle in force
        std::string tag;
    };
    std::vector<Text> texts;
    std::string tag;
};
inline TextRecorder*& textRecorder()
{
    static TextRecorder* recorder = nullptr;
    return recorder;
}

inline ImVec2 textSize(ImFont* font, float size, std::string_view text);

inline void drawText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text)
{
    if (TextRecorder* rec = textRecorder(); rec && !text.empty())
    {
        const ImVec2 ts = textSize(font, size, text);
        const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
        rec->texts.push_back({std::string(text), pos.x, pos.y, pos.x + ts.x, pos.y + ts.y, cmin.x, cmin.y, cmax.x, cmax.y, rec->tag});
    }
    // Text samples the font atlas; with draw layers (draw_layers.hpp) it goes to the text
    // channel, so consecutive labels stay one draw call.
    dl->PushTextureID(font->ContainerAtlas->TexID);
    const bool layered = dl->_Splitter._Count > 1;
    if (layered)
        dl->ChannelsSetCurrent(1);
    dl->AddText(font, size, pos, color, text.data(), text.data() + text.size());
    if (layered)
        dl->ChannelsSetCurrent(0);
    dl->PopTextureID();
}

inline ImVec2 textSize(ImFont* font, float size, std::string_view text)
{
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
}

}  // namespace mint::ui
