// Staff screens: the PIN pad (reached by holding a corner) and the admin screen with the
// sync status, catalogue and picture counts, cache size, version, uptime and usage.
#include "screens.hpp"
#include "widgets.hpp"

#include <cstdio>

namespace mint::ui
{

void drawPinPad(const UiContext& c, std::size_t digits, const std::string& message)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    // The background is the clear colour (no full-screen fill: a software renderer pays for every pixel).
    drawHeader(c, c.t("admin.title"), c.t("admin.pin"), false, true);
    // Entered digits as dots.
    float y = L.headerHeight + f * 1.5f;
    const float dot = f * 0.6f;
    const float dotsW = static_cast<float>(std::max<std::size_t>(digits, 1)) * dot * 3;
    for (std::size_t i = 0; i < digits; ++i)
        c.dl->AddCircleFilled(ImVec2((W - dotsW) * 0.5f + (static_cast<float>(i) + 0.5f) * dot * 3, y + dot), dot, c.th->text, 20);
    y += dot * 3;
    if (!message.empty())
    {
        const ImVec2 ms = textSize(c.fonts->bold, f, message);
        drawText(c.dl, c.fonts->bold, f, ImVec2((W - ms.x) * 0.5f, y), c.th->warning, message);
    }
    y += f * 2;
    const float key = std::min((W - 2 * L.margin) / 3.4f, (H - y - L.margin) / 4.4f);
    const float gap = key * 0.12f;
    const float x0 = (W - (3 * key + 2 * gap)) * 0.5f;
    static const char* const labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
    for (int i = 0; i < 12; ++i)
    {
        const Rect r{
            ImVec2(x0 + static_cast<float>(i % 3) * (key + gap), y + static_cast<float>(i / 3) * (key * 0.8f + gap)),
            ImVec2(x0 + static_cast<float>(i % 3) * (key + gap) + key, y + static_cast<float>(i / 3) * (key * 0.8f + gap) + key * 0.8f)};
        if (i == 9)
        {
            if (bigButton(c, "pin.delete", r, "", c.th->chip, c.th->text, Icon::Back))
                c.emit(IntentKind::PinDelete);
        }
        else if (i == 11)
        {
            if (bigButton(c, "pin.ok", r, "OK", c.th->accent, c.th->textOnAccent, Icon::None, digits >= 4))
                c.emit(IntentKind::PinOk);
        }
        else if (bigButton(c, std::string("pin.") + labels[i], r, labels[i], c.th->surface, c.th->text))
            c.emit(IntentKind::PinDigit, labels[i][0] - '0');
    }
}

void drawAdmin(const UiContext& c, const AdminInfo& info)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    // The background is the clear colour (no full-screen fill: a software renderer pays for every pixel).
    drawHeader(c, c.t("admin.title"), info.kioskName, false, false);
    float y = L.headerHeight + L.gap;
    const float colW = L.portrait ? W - 2 * L.margin : (W - 2 * L.margin - L.gap) * 0.5f;
    float x = L.margin;
    auto section = [&](const std::string& title)
    {
        if (!L.portrait && y > H * 0.62f && x == L.margin)
        {
            x = L.margin + colW + L.gap;
            y = L.headerHeight + L.gap;
        }
        drawText(c.dl, c.fonts->bold, f, ImVec2(x, y), c.th->text, title);
        y += f * 1.4f;
    };
    auto line = [&](const std::string& text, ImU32 color)
    { y += drawWrapped(c.dl, c.fonts->regular, f * 0.8f, ImVec2(x, y), color, text, colW, 3) + f * 0.1f; };
    section(c.t("admin.sync"));
    for (const auto& l : info.syncLines)
        line(l, c.th->text);
    if (!info.syncError.empty())
        line(info.syncError, c.th->warning);
    y += f * 0.5f;
    section(c.t("admin.catalogue"));
    for (const auto& l : info.catalogLines)
        line(l, c.th->text);
    y += f * 0.5f;
    section(c.t("admin.usage"));
    for (const auto& l : info.usageLines)
        line(l, c.th->text);
    y += f * 0.5f;
    if (info.displayScheduled)
    {
        section(c.t("admin.display"));
        for (const auto& l : info.displayLines)
            line(l, c.th->text);
        y += f * 0.5f;
    }
    if (!info.monitorLines.empty())
    {
        section(c.t("admin.monitoring"));
        for (const auto& l : info.monitorLines)
            line(l, c.th->text);
        y += f * 0.5f;
    }
    section(c.t("admin.version"));
    for (const auto& l : info.systemLines)
        line(l, c.th->text);

    const float bh = std::max(L.touchMin, f * 2.6f);
    const float bw = (W - 2 * L.margin - 2 * L.gap) / 3;
    const float by = H - L.margin - bh;
    // Opening hours: staff switch the screen on now, or back to the schedule (a row of its own
    // above the others).
    float dy = info.displayScheduled ? by - L.gap - bh : by;
    if (info.speech)
    {
        // Read aloud: softer / louder (the volume is in the "Version" lines).
        dy -= L.gap + bh;
        const float hw = (W - 2 * L.margin - L.gap) / 2;
        if (bigButton(c, "admin.volume_down", Rect{ImVec2(L.margin, dy), ImVec2(L.margin + hw, dy + bh)}, c.t("admin.volume_down"),
                      c.th->surface, c.th->text, Icon::Minus, info.volume > 0))
            c.emit(IntentKind::AdminVolumeDown);
        if (bigButton(c, "admin.volume_up", Rect{ImVec2(W - L.margin - hw, dy), ImVec2(W - L.margin, dy + bh)}, c.t("admin.volume_up"),
                      c.th->surface, c.th->text, Icon::Plus, info.volume < 100))
            c.emit(IntentKind::AdminVolumeUp);
    }
    const float ry = info.displayScheduled ? by - L.gap - bh : by;
    if (info.displayScheduled &&
        bigButton(c, info.displayForced ? "admin.display_follow" : "admin.display_on_now",
                  Rect{ImVec2(L.margin, ry), ImVec2(W - L.margin, ry + bh)},
                  c.t(info.displayForced ? "admin.display_follow" : "admin.display_on_now"), c.th->surface, c.th->text))
        c.emit(info.displayForced ? IntentKind::AdminDisplaySchedule : IntentKind::AdminDisplayOn);
    if (!info.syncNotice.empty())
    {
        // What "sync now" is doing, right above the buttons where staff look.
        const float ny = dy - f * 1.6f;
        drawText(c.dl, c.fonts->bold, f * 0.9f, ImVec2(L.margin, ny), info.syncRunning ? c.th->textMuted : c.th->text,
                 ellipsize(c.fonts->bold, f * 0.9f, info.syncNotice, W - 2 * L.margin));
    }
    if (bigButton(c, "admin.sync_now", Rect{ImVec2(L.margin, by), ImVec2(L.margin + bw, by + bh)},
                  c.t(info.syncRunning ? "admin.sync_running" : "admin.sync_now"), c.th->accent, c.th->textOnAccent, Icon::None,
                  !info.syncRunning))
        c.emit(IntentKind::AdminSyncNow);
    if (bigButton(c, "admin.return", Rect{ImVec2(L.margin + bw + L.gap, by), ImVec2(L.margin + 2 * bw + L.gap, by + bh)},
                  c.t("admin.return"), c.th->surface, c.th->text))
        c.emit(IntentKind::AdminReturn);
    if (bigButton(c, "admin.quit", Rect{ImVec2(L.margin + 2 * (bw + L.gap), by), ImVec2(W - L.margin, by + bh)},
                  c.t(info.quitArmed ? "admin.quit_confirm" : "admin.quit"), c.th->warning, c.th->textOnWarning))
        c.emit(IntentKind::AdminQuit);
}

}  // namespace mint::ui
