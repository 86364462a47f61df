// Touch widgets; see widgets.hpp.
#include "widgets.hpp"

#include "ui_model/date_text.hpp"

#include "catalog/time_util.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace mint::ui
{

void drawShadow(ImDrawList* dl, const Rect& r, float rounding, ImU32 color)
{
    // One soft band under the bottom edge: a full shadow rectangle would be drawn (and
    // filled by a software renderer) under the whole card for nothing.
    const float o = 3.0f;
    dl->AddRectFilled(ImVec2(r.min.x + 1, r.max.y - rounding), ImVec2(r.max.x - 1, r.max.y + o), color, rounding + o,
                      ImDrawFlags_RoundCornersBottom);
}

void drawIcon(ImDrawList* dl, Icon icon, ImVec2 c, float s, ImU32 col)
{
    const float u = s / 10.0f;  // icon grid unit
    auto person = [&](float x, float y, float k)
    {
        dl->AddCircleFilled(ImVec2(x, y - 2.6f * u * k), 1.6f * u * k, col, 20);
        dl->PathArcTo(ImVec2(x, y + 3.2f * u * k), 3.0f * u * k, 3.14159f, 2 * 3.14159f, 16);
        dl->PathFillConvex(col);
    };
    switch (icon)
    {
    case Icon::None: break;
    case Icon::Child: person(c.x, c.y, 1.1f); break;
    case Icon::Family:
        person(c.x - 2.2f * u, c.y, 1.0f);
        person(c.x + 2.6f * u, c.y + 1.0f * u, 0.75f);
        break;
    case Icon::School:
        dl->AddRect(ImVec2(c.x - 4 * u, c.y - 3 * u), ImVec2(c.x + 4 * u, c.y + 2 * u), col, 0, 0, 1.2f * u);
        dl->AddLine(ImVec2(c.x, c.y + 2 * u), ImVec2(c.x - 2 * u, c.y + 4.5f * u), col, 1.2f * u);
        dl->AddLine(ImVec2(c.x, c.y + 2 * u), ImVec2(c.x + 2 * u, c.y + 4.5f * u), col, 1.2f * u);
        break;
    case Icon::Company:
        dl->AddRectFilled(ImVec2(c.x - 4.5f * u, c.y), ImVec2(c.x + 4.5f * u, c.y + 4 * u), col);
        dl->AddTriangleFilled(ImVec2(c.x - 4.5f * u, c.y), ImVec2(c.x - 1.5f * u, c.y - 2.5f * u), ImVec2(c.x - 1.5f * u, c.y), col);
        dl->AddTriangleFilled(ImVec2(c.x - 1.5f * u, c.y), ImVec2(c.x + 1.5f * u, c.y - 2.5f * u), ImVec2(c.x + 1.5f * u, c.y), col);
        dl->AddRectFilled(ImVec2(c.x + 2.5f * u, c.y - 4.5f * u), ImVec2(c.x + 4.5f * u, c.y), col);
        break;
    case Icon::Calendar:
    case Icon::Weekend:
        dl->AddRect(ImVec2(c.x - 4 * u, c.y - 3 * u), ImVec2(c.x + 4 * u, c.y + 4 * u), col, u, 0, 1.2f * u);
        dl->AddRectFilled(ImVec2(c.x - 4 * u, c.y - 3 * u), ImVec2(c.x + 4 * u, c.y - 1 * u), col, u);
        if (icon == Icon::Weekend)
            dl->AddRectFilled(ImVec2(c.x + 0.5f * u, c.y + 0.5f * u), ImVec2(c.x + 2.8f * u, c.y + 2.8f * u), col);
        else
            dl->AddRectFilled(ImVec2(c.x - 2.8f * u, c.y + 0.5f * u), ImVec2(c.x - 0.5f * u, c.y + 2.8f * u), col);
        break;
    case Icon::Search:
        dl->AddCircle(ImVec2(c.x - 1 * u, c.y - 1 * u), 3 * u, col, 24, 1.4f * u);
        dl->AddLine(ImVec2(c.x + 1.2f * u, c.y + 1.2f * u), ImVec2(c.x + 4 * u, c.y + 4 * u), col, 1.8f * u);
        break;
    case Icon::Map:
        dl->AddCircleFilled(ImVec2(c.x, c.y - 1.5f * u), 3 * u, col, 24);
        dl->AddTriangleFilled(ImVec2(c.x - 2.6f * u, c.y), ImVec2(c.x + 2.6f * u, c.y), ImVec2(c.x, c.y + 4.5f * u), col);
        break;
    case Icon::Phone:
        // A phone in outline (one colour, so it reads in every theme): body and home button.
        dl->AddRect(ImVec2(c.x - 2.8f * u, c.y - 4.6f * u), ImVec2(c.x + 2.8f * u, c.y + 4.6f * u), col, 1.0f * u, 0, 1.1f * u);
        dl->AddLine(ImVec2(c.x - 2.8f * u, c.y + 2.4f * u), ImVec2(c.x + 2.8f * u, c.y + 2.4f * u), col, 0.8f * u);
        dl->AddCircleFilled(ImVec2(c.x, c.y + 3.5f * u), 0.6f * u, col, 12);
        break;
    case Icon::Filter:
        // A funnel.
        dl->AddTriangleFilled(ImVec2(c.x - 4.5f * u, c.y - 3.5f * u), ImVec2(c.x + 4.5f * u, c.y - 3.5f * u), ImVec2(c.x, c.y + 1.0f * u),
                              col);
        dl->AddRectFilled(ImVec2(c.x - 0.9f * u, c.y - 0.5f * u), ImVec2(c.x + 0.9f * u, c.y + 4.0f * u), col);
        break;
    case Icon::Backspace:
    {
        // The key's usual sign: a tag pointing left with an x in it.
        const ImVec2 pts[] = {ImVec2(c.x - 5.0f * u, c.y), ImVec2(c.x - 2.0f * u, c.y - 3.2f * u), ImVec2(c.x + 5.0f * u, c.y - 3.2f * u),
                              ImVec2(c.x + 5.0f * u, c.y + 3.2f * u), ImVec2(c.x - 2.0f * u, c.y + 3.2f * u)};
        dl->AddPolyline(pts, 5, col, ImDrawFlags_Closed, 1.0f * u);
        dl->AddLine(ImVec2(c.x - 0.2f * u, c.y - 1.6f * u), ImVec2(c.x + 3.0f * u, c.y + 1.6f * u), col, 1.0f * u);
        dl->AddLine(ImVec2(c.x - 0.2f * u, c.y + 1.6f * u), ImVec2(c.x + 3.0f * u, c.y - 1.6f * u), col, 1.0f * u);
        break;
    }
    case Icon::Speaker:
    {
        // A loudspeaker with two sound waves.
        const ImVec2 body[] = {ImVec2(c.x - 5.0f * u, c.y - 1.6f * u), ImVec2(c.x - 3.0f * u, c.y - 1.6f * u),
                               ImVec2(c.x + 0.2f * u, c.y - 4.2f * u), ImVec2(c.x + 0.2f * u, c.y + 4.2f * u),
                               ImVec2(c.x - 3.0f * u, c.y + 1.6f * u), ImVec2(c.x - 5.0f * u, c.y + 1.6f * u)};
        dl->AddConvexPolyFilled(body, 6, col);
        dl->PathArcTo(ImVec2(c.x + 0.6f * u, c.y), 2.4f * u, -0.9f, 0.9f, 10);
        dl->PathStroke(col, 0, 0.9f * u);
        dl->PathArcTo(ImVec2(c.x + 0.6f * u, c.y), 4.4f * u, -0.9f, 0.9f, 14);
        dl->PathStroke(col, 0, 0.9f * u);
        break;
    }
    case Icon::Stop:
        dl->AddRectFilled(ImVec2(c.x - 3.2f * u, c.y - 3.2f * u), ImVec2(c.x + 3.2f * u, c.y + 3.2f * u), col, 0.6f * u);
        break;
    case Icon::Plus:
        dl->AddLine(ImVec2(c.x - 4 * u, c.y), ImVec2(c.x + 4 * u, c.y), col, 1.4f * u);
        dl->AddLine(ImVec2(c.x, c.y - 4 * u), ImVec2(c.x, c.y + 4 * u), col, 1.4f * u);
        break;
    case Icon::Minus: dl->AddLine(ImVec2(c.x - 4 * u, c.y), ImVec2(c.x + 4 * u, c.y), col, 1.4f * u); break;
    case Icon::Locate:
        // Cross hairs: "back to where we are".
        dl->AddCircle(c, 3.2f * u, col, 24, 1.1f * u);
        dl->AddCircleFilled(c, 1.2f * u, col, 12);
        dl->AddLine(ImVec2(c.x, c.y - 5.0f * u), ImVec2(c.x, c.y - 2.2f * u), col, 1.1f * u);
        dl->AddLine(ImVec2(c.x, c.y + 2.2f * u), ImVec2(c.x, c.y + 5.0f * u), col, 1.1f * u);
        dl->AddLine(ImVec2(c.x - 5.0f * u, c.y), ImVec2(c.x - 2.2f * u, c.y), col, 1.1f * u);
        dl->AddLine(ImVec2(c.x + 2.2f * u, c.y), ImVec2(c.x + 5.0f * u, c.y), col, 1.1f * u);
        break;
    case Icon::All:
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j)
                dl->AddRectFilled(ImVec2(c.x - 4 * u + i * 4.5f * u, c.y - 4 * u + j * 4.5f * u),
                                  ImVec2(c.x - 0.5f * u + i * 4.5f * u, c.y - 0.5f * u + j * 4.5f * u), col, 0.5f * u);
        break;
    case Icon::Back:
        dl->AddLine(ImVec2(c.x + 3 * u, c.y), ImVec2(c.x - 3 * u, c.y), col, 1.6f * u);
        dl->AddLine(ImVec2(c.x - 3.5f * u, c.y + 0.5f * u), ImVec2(c.x, c.y - 3 * u), col, 1.6f * u);
        dl->AddLine(ImVec2(c.x - 3.5f * u, c.y - 0.5f * u), ImVec2(c.x, c.y + 3 * u), col, 1.6f * u);
        break;
    case Icon::Home:
        dl->AddTriangleFilled(ImVec2(c.x - 4.5f * u, c.y - 0.5f * u), ImVec2(c.x, c.y - 4.5f * u), ImVec2(c.x + 4.5f * u, c.y - 0.5f * u),
                              col);
        dl->AddRectFilled(ImVec2(c.x - 3 * u, c.y - 0.5f * u), ImVec2(c.x + 3 * u, c.y + 4 * u), col);
        break;
    case Icon::Language:
        dl->AddCircle(c, 4 * u, col, 24, 1.2f * u);
        dl->AddLine(ImVec2(c.x - 4 * u, c.y), ImVec2(c.x + 4 * u, c.y), col, 1.0f * u);
        dl->AddLine(ImVec2(c.x, c.y - 4 * u), ImVec2(c.x, c.y + 4 * u), col, 1.0f * u);
        break;
    case Icon::Text:
        dl->AddTriangle(ImVec2(c.x - 3.5f * u, c.y + 4 * u), ImVec2(c.x, c.y - 4 * u), ImVec2(c.x + 3.5f * u, c.y + 4 * u), col, 1.4f * u);
        break;
    case Icon::Contrast:
        dl->AddCircle(c, 4 * u, col, 24, 1.2f * u);
        dl->PathArcTo(c, 4 * u, -3.14159f / 2, 3.14159f / 2, 16);
        dl->PathFillConvex(col);
        break;
    case Icon::Reach:
        dl->AddLine(ImVec2(c.x, c.y - 4 * u), ImVec2(c.x, c.y + 3 * u), col, 1.6f * u);
        dl->AddTriangleFilled(ImVec2(c.x - 3 * u, c.y + 1 * u), ImVec2(c.x + 3 * u, c.y + 1 * u), ImVec2(c.x, c.y + 4.5f * u), col);
        break;
    }
}

bool drawPicture(const UiContext& c, const std::string& url, const Rect& r, float rounding, ImDrawFlags corners)
{
    if (url.empty() || !c.imagePath)
        return false;
    // Whole pixels, and a texture of exactly that size ("cover"-cropped and scaled on the
    // texture worker): drawn 1:1, sampled with the nearest filter.
    // The size is rounded on its own, so a scrolling card keeps one texture size.
    const int w = static_cast<int>(std::lround(r.width())), h = static_cast<int>(std::lround(r.height()));
    const ImVec2 p0(std::round(r.min.x), std::round(r.min.y)), p1(p0.x + static_cast<float>(w), p0.y + static_cast<float>(h));
    if (w <= 0 || h <= 0)
        return false;
    ImVec2 size;
    ImTextureID tex = c.textures->get(c.imagePath(url), &size, w, h);
    if (!tex)
        return false;
    c.dl->AddImageRounded(tex, p0, p1, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, rounding, corners);
    return true;
}

bool bigButton(const UiContext& c, const std::string& id, const Rect& r, std::string_view label, ImU32 fill, ImU32 textColor, Icon icon,
               bool enabled)
{
    const Rect hit = c.hitTarget(id, r);
    const float rounding = c.font() * 0.5f;
    const bool pressed = enabled && c.touch->pressing(hit);
    if (!c.highContrast)
        drawShadow(c.dl, r, rounding, c.th->shadow);
    ImU32 color = enabled ? fill : c.th->disabled;
    if (!enabled)
        textColor = c.th->disabledText;
    if (pressed)
    {
        // Visible feedback: darker and nudged down a little.
        ImVec4 v = ImGui::ColorConvertU32ToFloat4(color);
        color = ImGui::ColorConvertFloat4ToU32(ImVec4(v.x * 0.8f, v.y * 0.8f, v.z * 0.8f, v.w));
    }
    const Rect drawn{ImVec2(r.min.x, r.min.y + (pressed ? 2.0f : 0.0f)), ImVec2(r.max.x, r.max.y + (pressed ? 2.0f : 0.0f))};
    c.dl->AddRectFilled(drawn.min, drawn.max, color, rounding);
    if (c.highContrast)
        c.dl->AddRect(drawn.min, drawn.max, c.th->border, rounding, 0, 3.0f);
    const float size = c.font() * 1.05f;
    const float iconSize = icon == Icon::None ? 0.0f : std::min(r.height() * 0.55f, c.font() * 1.8f);
    const float pad = c.font() * 0.6f;
    const float textMax = r.width() - iconSize - pad * (iconSize > 0 ? 3 : 2);
    const FittedLabel fitted = label.empty() ? FittedLabel{} : fitLabel(c.fonts->bold, size, label, textMax, drawn.height() - pad);
    float textW = 0;
    for (const auto& line : fitted.lines)
        textW = std::max(textW, textSize(c.fonts->bold, fitted.size, line).x);
    const float total = iconSize + (iconSize > 0 && textW > 0 ? pad : 0) + textW;
    float x = drawn.center().x - total * 0.5f;
    if (iconSize > 0)
    {
        drawIcon(c.dl, icon, ImVec2(x + iconSize * 0.5f, drawn.center().y), iconSize, textColor);
        x += iconSize + pad;
    }
    const float lineH = fitted.size * 1.2f;
    float ly = drawn.center().y - lineH * static_cast<float>(fitted.lines.size()) * 0.5f;
    for (const auto& line : fitted.lines)
    {
        // Lines centred under each other when there is no icon; beside an icon, left-aligned.
        const float lw = textSize(c.fonts->bold, fitted.size, line).x;
        const float lx = iconSize > 0 ? x : x + (textW - lw) * 0.5f;
        drawText(c.dl, c.fonts->bold, fitted.size, ImVec2(lx, ly + (lineH - fitted.size) * 0.5f), textColor, line);
        ly += lineH;
    }
    const bool tapped = enabled && c.touch->tapped(hit);
    if (tapped)
        c.touch->consume();
    return tapped;
}

float chipWidth(const UiContext& c, std::string_view label, int count)
{
    // Room for the bold (active) label, and a count area as wide as "888" whatever the
    // count: a chip never changes width when counts change, so a quick second tap lands.
    float w = std::max(textSize(c.fonts->regular, c.font() * 0.85f, label).x, textSize(c.fonts->bold, c.font() * 0.85f, label).x) +
              c.font() * 1.4f;
    if (count >= 0)
        w += textSize(c.fonts->regular, c.font() * 0.75f, "888").x + c.font() * 0.9f;
    return w;
}

bool chip(const UiContext& c, const std::string& id, const Rect& r, std::string_view label, bool active, bool enabled, int count)
{
    const Rect hit = c.hitTarget(id, r);
    const float rounding = r.height() * 0.5f;
    const bool pressed = enabled && c.touch->pressing(hit);
    ImU32 fill = active ? c.th->chipActive : c.th->chip;
    ImU32 text = active ? c.th->chipActiveText : c.th->chipText;
    if (!enabled)
    {
        fill = c.th->background;
        text = c.th->textMuted;  // still readable: "nothing here right now", not invisible
    }
    if (pressed)
        fill = c.th->accentPressed, text = c.th->textOnAccent;
    c.dl->AddRectFilled(r.min, r.max, fill, rounding);
    c.dl->AddRect(r.min, r.max, enabled ? c.th->border : c.th->disabled, rounding, 0, 1.5f);
    const float size = c.font() * 0.85f;
    const ImVec2 ts = textSize(c.fonts->regular, size, label);
    float x = r.min.x + c.font() * 0.7f;
    drawText(c.dl, active ? c.fonts->bold : c.fonts->regular, size, ImVec2(x, r.center().y - ts.y * 0.5f), text, label);
    if (count >= 0)
    {
        const std::string n = std::to_string(count);
        const float small = c.font() * 0.75f;
        const ImVec2 ns = textSize(c.fonts->regular, small, n);
        x += ts.x + c.font() * 0.45f;
        const Rect badge{ImVec2(x, r.center().y - ns.y * 0.55f), ImVec2(x + ns.x + c.font() * 0.5f, r.center().y + ns.y * 0.55f)};
        c.dl->AddRectFilled(badge.min, badge.max, active ? c.th->surface : c.th->surface, badge.height() * 0.5f);
        drawText(c.dl, c.fonts->regular, small, ImVec2(x + c.font() * 0.25f, r.center().y - ns.y * 0.5f),
                 enabled ? c.th->textMuted : c.th->disabled, n);
    }
    const bool tapped = enabled && c.touch->tapped(hit);
    if (tapped)
        c.touch->consume();
    return tapped;
}

std::string formatDay(const UiContext& c, catalog::Timestamp t)
{
    const LocalParts p = localParts(regionZone(c.catalog), t);
    std::istringstream names(c.t("date.weekdays"));
    std::vector<std::string> wd;
    for (std::string w; names >> w;)
        wd.push_back(w);
    const std::string dayName = p.weekday < static_cast<int>(wd.size()) ? wd[static_cast<std::size_t>(p.weekday)] : "";
    char mm[8];
    std::snprintf(mm, sizeof mm, "%02d", p.minute);
    return c.tr->format("date.day", {{"wd", dayName}, {"d", std::to_string(p.day)}, {"mo", std::to_string(p.month)}}) + ", " +
           c.tr->format("date.time", {{"h", std::to_string(p.hour)}, {"m", mm}});
}

std::string formatWhen(const UiContext& c, const catalog::ResultItem& item, const catalog::Offer& offer)
{
    if (offer.schedule.kind == catalog::ScheduleKind::OnRequest)
        return c.t("card.on_request");
    if (!item.next)
        return "";
    if (offer.schedule.kind == catalog::ScheduleKind::OpeningHours && item.next->start <= c.wallNow)
        return c.t("card.open_now");
    return formatDay(c, item.next->start);
}

std::string ageLabel(const UiContext& c, const catalog::Offer& offer)
{
    const auto& r = offer.ageRange;
    if (!r.present)
        return "";
    if (r.min >= 0 && r.max >= 0 && r.max < 99)
        return c.tr->format("card.age", {{"min", std::to_string(r.min)}, {"max", std::to_string(r.max)}});
    if (r.min >= 0)
        return c.tr->format("card.age_from", {{"min", std::to_string(r.min)}});
    return c.tr->format("card.age_to", {{"max", std::to_string(r.max)}});
}

bool offerCard(const UiContext& c, const std::string& id, const Rect& r, const catalog::Offer& offer, const catalog::ResultItem& item,
               bool interactive)
{
    const Rect hit = c.hitTarget(id, r);
    const float f = c.font();
    const float rounding = f * 0.45f;
    const bool pressed = interactive && c.touch->pressing(hit);
    if (!c.highContrast)
        drawShadow(c.dl, r, rounding, c.th->shadow);
    const bool row = c.layout.portrait;  // list row: picture left; grid card: picture on top
    const Rect pic =
        row ? Rect{r.min, ImVec2(r.min.x + r.height() * 1.45f, r.max.y)} : Rect{r.min, ImVec2(r.max.x, r.min.y + r.width() * 0.42f)};
    // Only the text part gets the card colour: the picture covers the rest, and a
    // software renderer would pay for filling it twice.
    const Rect textArea = row ? Rect{ImVec2(pic.max.x, r.min.y), r.max} : Rect{ImVec2(r.min.x, pic.max.y), r.max};
    c.dl->AddRectFilled(textArea.min, textArea.max, pressed ? c.th->surfacePressed : c.th->surface, rounding,
                        row ? ImDrawFlags_RoundCornersRight : ImDrawFlags_RoundCornersBottom);
    if (c.highContrast)
        c.dl->AddRect(r.min, r.max, c.th->border, rounding, 0, 2.0f);
    const std::string subject = offer.subjects.empty() ? std::string() : std::string(offer.subjects.front());
    const ImU32 subjectCol = subjectColor(subject, c.highContrast);
    const ImDrawFlags corners = row ? ImDrawFlags_RoundCornersLeft : ImDrawFlags_RoundCornersTop;
    if (!drawPicture(c, offer.images.empty() ? std::string() : std::string(offer.images.front().url), pic, rounding, corners))
    {
        // Placeholder: the subject colour with a soft pattern, never an empty hole.
        c.dl->AddRectFilled(pic.min, pic.max, subjectCol, rounding, corners);
        c.dl->AddCircleFilled(ImVec2(pic.min.x + pic.width() * 0.75f, pic.min.y + pic.height() * 0.35f), pic.height() * 0.22f,
                              IM_COL32(255, 255, 255, 50), 32);
    }
    // Subject band on the picture.
    if (!subject.empty())
    {
        const std::string key =
            "subject." + std::string(catalog::broaderSubject(subject).empty() ? subject : catalog::broaderSubject(subject));
        const std::string label = c.tr->has(c.lang, key) || c.tr->has("de", key) ? c.t(key) : subject;
        const ImVec2 ls = textSize(c.fonts->bold, f * 0.7f, label);
        const Rect band{ImVec2(pic.min.x + f * 0.4f, pic.max.y - ls.y - f * 0.8f),
                        ImVec2(pic.min.x + f * 0.4f + ls.x + f * 0.8f, pic.max.y - f * 0.4f)};
        c.dl->AddRectFilled(band.min, band.max, subjectCol, f * 0.25f);
        drawText(c.dl, c.fonts->bold, f * 0.7f, ImVec2(band.min.x + f * 0.4f, band.min.y + f * 0.2f),
                 subjectInkColor(subject, c.highContrast), label);
    }

    const float pad = f * 0.6f;
    ImVec2 p = row ? ImVec2(pic.max.x + pad, r.min.y + pad) : ImVec2(r.min.x + pad, pic.max.y + pad * 0.7f);
    const float w = r.max.x - p.x - pad;
    p.y += drawWrapped(c.dl, c.fonts->bold, f * 0.95f, p, c.th->text, c.text(offer.title), w, 2);
    if (const catalog::Provider* prov = c.catalog->providerOf(offer))
    {
        drawText(c.dl, c.fonts->regular, f * 0.72f, p, c.th->textMuted, ellipsize(c.fonts->regular, f * 0.72f, c.text(prov->name), w));
        p.y += f * 0.72f * 1.25f;
    }
    // When and where.
    std::string when = formatWhen(c, item, offer);
    std::string where;
    if (const catalog::Place* place = c.catalog->placeOf(offer))
        where = std::string(place->address.locality.empty() ? c.text(place->name) : place->address.locality);
    else if (offer.attendanceMode == catalog::AttendanceMode::Online)
        where = c.t("card.online");
    if (item.distanceKm)
    {
        char km[16];
        std::snprintf(km, sizeof km, "%.0f", std::max(1.0, *item.distanceKm));
        where += (where.empty() ? "" : " · ") + c.tr->format("card.km", {{"n", km}});
    }
    const std::string line = when + (when.empty() || where.empty() ? "" : " · ") + where;
    drawText(c.dl, c.fonts->regular, f * 0.72f, p, c.th->text, ellipsize(c.fonts->regular, f * 0.72f, line, w));
    p.y += f * 0.72f * 1.45f;
    // Badges: status, age, free.
    float x = p.x;
    auto badge = [&](const std::string& text, ImU32 fill, ImU32 ink)
    {
        if (text.empty())
            return;
        const float s = f * 0.66f;
        const ImVec2 ts = textSize(c.fonts->bold, s, text);
        if (x + ts.x + f * 0.6f > r.max.x - pad)
            return;
        c.dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + ts.x + f * 0.6f, p.y + ts.y + f * 0.25f), fill, f * 0.3f);
        drawText(c.dl, c.fonts->bold, s, ImVec2(x + f * 0.3f, p.y + f * 0.12f), ink, text);
        x += ts.x + f * 0.9f;
    };
    // Running right now (a dated offer whose current date has begun): worth going to.
    const bool runningNow = item.next && offer.schedule.kind != catalog::ScheduleKind::OpeningHours && item.next->start <= c.wallNow &&
                            c.wallNow < item.next->end();
    if (runningNow && offer.status != catalog::OfferStatus::Cancelled)
        badge(c.t("card.running_now"), c.th->free, c.th->freeText);
    if (offer.status == catalog::OfferStatus::Cancelled)
        badge(c.t("card.cancelled"), c.th->warning, c.th->textOnWarning);
    else if (offer.status == catalog::OfferStatus::Postponed)
        badge(c.t("card.postponed"), c.th->warning, c.th->textOnWarning);
    badge(ageLabel(c, offer), c.th->chip, c.th->chipText);
    if (offer.isFree && *offer.isFree)
        badge(c.t("card.free"), c.th->free, c.th->freeText);
    return interactive && c.touch->tapped(hit);
}

void handleScroll(const UiContext& c, KineticScroller& s, const Rect& area)
{
    const TouchInput& t = *c.touch;
    if (t.pressedThisFrame() && area.contains(t.pressPos()))
        s.press(t.pos().y, c.nowS);
    else if (t.down() && s.dragging())
        s.move(t.pos().y, c.nowS);
    else if (t.releasedThisFrame() && s.dragging())
        s.release(c.nowS);
}

void drawScrollHint(const UiContext& c, const KineticScroller& s, const Rect& area, float contentH)
{
    const float viewH = area.height();
    if (contentH <= viewH + 1.0f || viewH <= 0)
        return;
    const float w = std::max(4.0f, c.font() * 0.3f);
    const float trackTop = area.min.y + w, trackH = viewH - 2 * w;
    const float barH = std::max(c.font() * 1.5f, trackH * viewH / contentH);
    const float range = contentH - viewH;
    const float barY = trackTop + (trackH - barH) * std::clamp(s.offset() / range, 0.0f, 1.0f);
    const float x = area.max.x - w * 2;
    c.dl->AddRectFilled(ImVec2(x, trackTop), ImVec2(x + w, trackTop + trackH), c.th->chip, w * 0.5f);
    c.dl->AddRectFilled(ImVec2(x, barY), ImVec2(x + w, barY + barH), c.th->textMuted, w * 0.5f);
}

}  // namespace mint::ui
