// The detail screen: everything a visitor needs, and a large QR code to take it home.
#include "catalog/schedule.hpp"
#include "catalog/time_util.hpp"
#include "screens.hpp"
#include "widgets.hpp"

#include <qrcodegen/QrCode.hpp>

#include <cmath>
#include <sstream>

namespace mint::ui {

namespace {

void drawQr(const UiContext& c, const std::string& text, const Rect& area)
{
    try
    {
        const auto qr = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
        const int n = qr.getSize();
        const float quiet = 2.0f;  // modules of white border
        const float module = std::floor(std::min(area.width(), area.height()) / (static_cast<float>(n) + 2 * quiet));
        const float side = module * (static_cast<float>(n) + 2 * quiet);
        const ImVec2 o(area.center().x - side * 0.5f, area.min.y);
        c.dl->AddRectFilled(o, ImVec2(o.x + side, o.y + side), IM_COL32_WHITE);
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x)
                if (qr.getModule(x, y))
                {
                    const ImVec2 p(o.x + (static_cast<float>(x) + quiet) * module, o.y + (static_cast<float>(y) + quiet) * module);
                    c.dl->AddRectFilled(p, ImVec2(p.x + module, p.y + module), IM_COL32_BLACK);
                }
        c.hits->add("detail.qr", Rect{o, ImVec2(o.x + side, o.y + side)});
    }
    catch (const std::exception&)
    {
        // An URL too long for a QR code: only the printed URL is shown.
    }
}

}  // namespace

void drawDetail(const UiContext& c, const catalog::Offer& o)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    // The background is the clear colour (no full-screen fill: a software renderer pays for every pixel).
    const float top = L.headerHeight + L.gap;
    const bool wide = !L.portrait;
    const float colW = wide ? (W - 2 * L.margin - L.gap * 2) * 0.62f : W - 2 * L.margin;
    const float sideX = wide ? L.margin + colW + L.gap * 2 : L.margin;
    const float sideW = wide ? W - sideX - L.margin : colW;

    // Picture with credit.
    float y = top;
    const float picH = wide ? colW * 0.42f : colW * 0.45f;
    const Rect pic{ImVec2(L.margin, y), ImVec2(L.margin + colW, y + picH)};
    const std::string subject = o.subjects.empty() ? "" : std::string(o.subjects.front());
    if (!drawPicture(c, o.images.empty() ? std::string() : std::string(o.images.front().url), pic, f * 0.5f, ImDrawFlags_RoundCornersAll))
        c.dl->AddRectFilled(pic.min, pic.max, subjectColor(subject, c.highContrast), f * 0.5f);
    if (!o.images.empty() && !o.images.front().credit.empty())
    {
        const std::string credit = c.tr->format("detail.credit", {{"credit", std::string(o.images.front().credit)}});
        const ImVec2 cs = textSize(c.fonts->regular, f * 0.6f, credit);
        c.dl->AddRectFilled(ImVec2(pic.max.x - cs.x - f * 0.8f, pic.max.y - cs.y - f * 0.5f), pic.max, IM_COL32(0, 0, 0, 140));
        drawText(c.dl, c.fonts->regular, f * 0.6f, ImVec2(pic.max.x - cs.x - f * 0.4f, pic.max.y - cs.y - f * 0.25f), IM_COL32_WHITE, credit);
    }
    y += picH + L.gap;
    y += drawWrapped(c.dl, c.fonts->bold, f * 1.3f, ImVec2(L.margin, y), c.th->text, c.text(o.title), colW, 2) + f * 0.3f;
    if (const catalog::Provider* p = c.catalog->providerOf(o))
    {
        drawText(c.dl, c.fonts->regular, f * 0.85f, ImVec2(L.margin, y), c.th->textMuted, ellipsize(c.fonts->regular, f * 0.85f, c.text(p->name), colW));
        y += f * 1.3f;
    }
    const std::string_view description = c.text(o.description).empty() ? c.text(o.summary) : c.text(o.description);
    const int descLines = wide ? 6 : 4;
    y += drawWrapped(c.dl, c.fonts->regular, f * 0.9f, ImVec2(L.margin, y), c.th->text, description, colW, descLines) + f * 0.6f;

    // Dates: the next ones, cancelled ones marked.
    drawText(c.dl, c.fonts->bold, f, ImVec2(L.margin, y), c.th->text, c.t("detail.dates"));
    y += f * 1.4f;
    int shown = 0;
    const int maxDates = wide ? 5 : 4;
    if (o.schedule.kind == catalog::ScheduleKind::OnRequest)
    {
        const std::string note = o.schedule.note.empty() ? c.t("card.on_request") : std::string(c.text(o.schedule.note));
        drawText(c.dl, c.fonts->regular, f * 0.9f, ImVec2(L.margin, y), c.th->text, note);
        ++shown;
    }
    else if (o.schedule.kind == catalog::ScheduleKind::OpeningHours)
    {
        std::istringstream names(c.t("date.weekdays"));
        std::vector<std::string> wd;
        for (std::string w; names >> w;)
            wd.push_back(w);
        for (const auto& h : o.schedule.hours)
        {
            std::string days;
            for (int d = 0; d < 7; ++d)
                if (h.weekdays & (1u << d))
                    days += (days.empty() ? "" : ", ") + wd[static_cast<std::size_t>(d)];
            char t[32];
            std::snprintf(t, sizeof t, "%02d:%02d–%02d:%02d", h.opensMinute / 60, h.opensMinute % 60, h.closesMinute / 60, h.closesMinute % 60);
            drawText(c.dl, c.fonts->regular, f * 0.9f, ImVec2(L.margin, y + static_cast<float>(shown) * f * 1.25f), c.th->text, days + "  " + t);
            ++shown;
        }
    }
    else
    {
        for (const auto& occ : o.schedule.dates())
        {
            if (occ.end() < c.wallNow || shown >= maxDates)
                continue;
            std::string line = formatDay(c, occ.start);
            if (occ.cancelled)
                line += "  — " + c.t("detail.cancelled_date");
            drawText(c.dl, c.fonts->regular, f * 0.9f, ImVec2(L.margin, y + static_cast<float>(shown) * f * 1.25f),
                     occ.cancelled ? c.th->warning : c.th->text, line);
            ++shown;
        }
    }

    // Side: QR code with the URL printed beside it, then the facts. Portrait: the QR code
    // on the left and the facts beside it, so the page fits a stele without scrolling.
    float sy = wide ? top : y + static_cast<float>(shown) * f * 1.25f + L.gap;
    float factX = sideX, factW = sideW;
    float qrBottom = sy;
    const std::string url = std::string(!o.registration.url.empty() ? o.registration.url : o.url);
    if (!url.empty())
    {
        const float qrSide = wide ? std::min(sideW, H * 0.38f) : std::min(W * 0.36f, f * 14);
        const float qrX = wide ? sideX + (sideW - qrSide) * 0.5f : L.margin;
        const float textX = wide ? sideX : qrX, textW = wide ? sideW : qrSide;
        drawQr(c, url, Rect{ImVec2(qrX, sy), ImVec2(qrX + qrSide, sy + qrSide)});
        float qy = sy + qrSide + f * 0.3f;
        const std::string hint = c.t("detail.qr");
        qy += drawWrapped(c.dl, c.fonts->bold, f * 0.8f, ImVec2(textX, qy), c.th->text, hint, textW, 2) + f * 0.1f;
        qy += drawWrapped(c.dl, c.fonts->regular, f * 0.75f, ImVec2(textX, qy), c.th->accent, url, textW, wide ? 2 : 3) + f * 0.6f;
        if (wide)
            sy = qy;
        else
        {
            qrBottom = qy;
            factX = L.margin + qrSide + L.gap * 2;
            factW = W - factX - L.margin;
        }
    }
    auto fact = [&](const std::string& label, const std::string& value) {
        if (value.empty())
            return;
        drawText(c.dl, c.fonts->bold, f * 0.8f, ImVec2(factX, sy), c.th->textMuted, label);
        sy += f * 1.05f;
        sy += drawWrapped(c.dl, c.fonts->regular, f * 0.85f, ImVec2(factX, sy), c.th->text, value, factW, 2) + f * 0.35f;
    };
    if (const catalog::Place* p = c.catalog->placeOf(o))
    {
        std::string where = std::string(c.text(p->name));
        if (!p->address.street.empty() || !p->address.locality.empty())
            where += ", " + std::string(p->address.street) + (p->address.street.empty() ? "" : ", ") + std::string(p->address.postalCode) + " " +
                     std::string(p->address.locality);
        fact(c.t("detail.place"), where);
    }
    std::string price;
    if (o.isFree && *o.isFree)
        price = c.t("card.free");
    else
        for (const auto& p : o.prices)
            price += (price.empty() ? "" : ", ") + std::string(p.price) + " " + std::string(p.currency) +
                     (p.name.empty() ? "" : " (" + std::string(c.text(p.name)) + ")");
    fact(c.t("detail.price"), price);
    if (o.registration.mode == catalog::RegistrationMode::Required)
        fact(c.t("detail.registration"), c.t("detail.registration_required"));
    else if (o.registration.mode == catalog::RegistrationMode::None)
        fact(c.t("detail.registration"), c.t("detail.no_registration"));
    std::string access;
    if (o.accessibility.wheelchair)
        access = c.t(*o.accessibility.wheelchair ? "detail.wheelchair" : "detail.not_wheelchair");
    if (!o.accessibility.info.empty())
        access += (access.empty() ? "" : ". ") + std::string(c.text(o.accessibility.info));
    fact(c.t("detail.accessibility"), access);
    const std::string age = ageLabel(c, o);
    fact(c.t("filter.age"), age);
    if (const catalog::Place* p = c.catalog->placeOf(o); p && p->geo)
    {
        const float bh = std::max(c.layout.touchMin, f * 2.4f);
        const float by = std::min(std::max(sy, qrBottom) + f * 0.4f, H - L.margin - bh - (c.lowReach ? navBarHeight(c) : 0.0f));
        if (bigButton(c, "detail.show_map", Rect{ImVec2(sideX, by), ImVec2(sideX + std::min(sideW, f * 14), by + bh)}, c.t("detail.show_map"),
                      c.th->accent, c.th->textOnAccent, Icon::Map))
            c.emit(IntentKind::OpenMap, 0, std::string(o.id));
    }

    drawHeader(c, c.text(o.title), "", true, true);
}

}  // namespace mint::ui
