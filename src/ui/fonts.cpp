// Fonts and text helpers; see fonts.hpp.
#include "fonts.hpp"

#include <filesystem>
#include <vector>

namespace mint::ui
{

std::string findFontFile(bool bold, const std::string& overridePath)
{
    if (!overridePath.empty() && std::filesystem::exists(overridePath))
        return overridePath;
    const char* candidates[] = {
        bold ? "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" : "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        bold ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    };
    for (const char* c : candidates)
        if (std::filesystem::exists(c))
            return c;
    return {};
}

bool loadFonts(Fonts& fonts, float sizePx, std::string& error, const std::string& regularOverride, const std::string& boldOverride)
{
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin, Latin-1, Latin Extended-A, ẞ, general punctuation („ “ – …), €, arrows.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x1E9E, 0x1E9E, 0x2010, 0x2027, 0x2030,
                                     0x203A, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0};
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    const std::string regular = findFontFile(false, regularOverride), bold = findFontFile(true, boldOverride);
    fonts.baseSize = sizePx;
    if (regular.empty() || bold.empty())
    {
        error = "no TrueType font found (install fonts-noto-core)";
        fonts.regular = fonts.bold = io.Fonts->AddFontDefault();
        return false;
    }
    fonts.regular = io.Fonts->AddFontFromFileTTF(regular.c_str(), sizePx, &config, ranges);
    fonts.bold = io.Fonts->AddFontFromFileTTF(bold.c_str(), sizePx, &config, ranges);
    if (!fonts.regular || !fonts.bold)
    {
        error = "cannot load " + regular;
        fonts.regular = fonts.bold = io.Fonts->AddFontDefault();
        return false;
    }
    return true;
}

std::string ellipsize(ImFont* font, float size, std::string_view text, float maxWidth)
{
    if (textSize(font, size, text).x <= maxWidth)
        return std::string(text);
    const std::string dots = "\xE2\x80\xA6";  // …
    const float dotsWidth = textSize(font, size, dots).x;
    std::size_t len = text.size();
    while (len > 0)
    {
        // step back one UTF-8 character
        do
            --len;
        while (len > 0 && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80);
        if (textSize(font, size, text.substr(0, len)).x + dotsWidth <= maxWidth)
            break;
    }
    std::string out(text.substr(0, len));
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + dots;
}

namespace
{

/// Splits text into at most maxLines lines of wrapWidth; the last one ellipsized.
std::vector<std::string> wrapLines(ImFont* font, float size, std::string_view text, float wrapWidth, int maxLines)
{
    std::vector<std::string> lines;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    const float scale = size / font->FontSize;
    while (p < end && static_cast<int>(lines.size()) < maxLines)
    {
        const char* lineEnd = font->CalcWordWrapPositionA(scale, p, end, wrapWidth);
        if (lineEnd == p)
            lineEnd = p + 1;
        const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<std::size_t>(lineEnd - p)));
        if (nl)
            lineEnd = nl;
        if (static_cast<int>(lines.size()) == maxLines - 1 && lineEnd < end)
        {
            lines.push_back(ellipsize(font, size, std::string_view(p, static_cast<std::size_t>(end - p)), wrapWidth));
            return lines;
        }
        std::string line(p, lineEnd);
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        lines.push_back(line);
        p = lineEnd;
        while (p < end && (*p == ' ' || *p == '\n'))
            ++p;
    }
    return lines;
}

}  // namespace

float drawWrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, float wrapWidth, int maxLines)
{
    const auto lines = wrapLines(font, size, text, wrapWidth, maxLines);
    const float lineHeight = size * 1.2f;
    for (std::size_t i = 0; i < lines.size(); ++i)
        drawText(dl, font, size, ImVec2(pos.x, pos.y + lineHeight * static_cast<float>(i)), color, lines[i]);
    return lineHeight * static_cast<float>(lines.size());
}

float measureWrapped(ImFont* font, float size, std::string_view text, float wrapWidth, int maxLines)
{
    return size * 1.2f * static_cast<float>(wrapLines(font, size, text, wrapWidth, maxLines).size());
}

FittedLabel fitLabel(ImFont* font, float size, std::string_view text, float maxWidth, float maxHeight)
{
    FittedLabel out;
    for (const float scale : {1.0f, 0.9f, 0.8f})
    {
        const float s = size * scale;
        if (textSize(font, s, text).x <= maxWidth)
        {
            out.lines = {std::string(text)};
            out.size = s;
            return out;
        }
        if (s * 1.2f * 2 > maxHeight)
            continue;
        float best = -1;
        std::size_t bestAt = std::string_view::npos;
        for (std::size_t at = text.find(' '); at != std::string_view::npos; at = text.find(' ', at + 1))
        {
            const float w = std::max(textSize(font, s, text.substr(0, at)).x, textSize(font, s, text.substr(at + 1)).x);
            if (w <= maxWidth && (best < 0 || w < best))
                best = w, bestAt = at;
        }
        if (bestAt != std::string_view::npos)
        {
            out.lines = {std::string(text.substr(0, bestAt)), std::string(text.substr(bestAt + 1))};
            out.size = s;
            return out;
        }
    }
    out.size = size * 0.8f;
    out.lines = {ellipsize(font, out.size, text, maxWidth)};
    out.ellipsized = true;
    return out;
}

}  // namespace mint::ui
