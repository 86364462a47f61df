// The detail screen: everything a visitor needs, and a large QR code to take it home. One
// flow of content that scrolls (kinetic, like the list) between the header and the bottom
// navigation, so larger text or a long description never pushes anything over the rest.
#include "catalog/schedule.hpp"
#include "catalog/time_util.hpp"
#include "screens.hpp"
#include "ui_model/date_text.hpp"
#include "ui_model/offer_text.hpp"
#include "ui_model/palette.hpp"
#include "widgets.hpp"

#include <qrcodegen/QrCode.hpp>

#include <cmath>
#include <sstream>

namespace mint::ui
{

namespace
{

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

/// Minutes after local midnight of a timestamp, in the region's zone.
int localMinutes(const UiContext& c, catalog::Timestamp t)
{
    const LocalParts p = localParts(regionZone(c.catalog), t);
    return p.hour * 60 + p.minute;
}

/// "So 29.11., 10–12 Uhr": the day as formatDay gives it, with the end time when there is one
/// on the same day.
std::string dateLine(const UiContext& c, const catalog::Occurrence& occ)
{
    const std::string day = formatDay(c, occ.start);
    const auto comma = day.find(", ");
    const std::string dayPart = comma == std::string::npos ? day : day.substr(0, comma);
    const int from = localMinutes(c, occ.start);
    const bool sameDay = occ.length > 0 && occ.length < 86400 && from + occ.length / 60 < 24 * 60;
    const int to = sameDay ? from + occ.length / 60 : -1;
    return dayPart + ", " + formatClockRange(from, to, c.lang);
}

}  // namespace

void drawDetail(const UiContext& c, const catalog::Offer& o, KineticScroller& scroller)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    // The page scrolls between the header and (low reach) the navigation bar at the bottom;
    // everything is laid out in one flow, so nothing is ever drawn over anything else.
    const Rect area{ImVec2(0, L.headerHeight), ImVec2(W, H - (c.lowReach ? navBarHeight(c) : 0.0f))};
    handleScroll(c, scroller, area);
    const float offset = scroller.offset();
    const bool wide = !L.portrait;
    const float colW = wide ? (W - 2 * L.margin - L.gap * 2) * 0.62f : W - 2 * L.margin;
    const float sideX = wide ? L.margin + colW + L.gap * 2 : L.margin;
    const float sideW = wide ? W - sideX - L.margin : colW;
    const float top = area.min.y + L.gap - offset;
    c.dl->PushClipRect(area.min, area.max, true);

    // [Main column] picture with credit, title, provider, description.
    float y = top;
    const float picH = wide ? colW * 0.42f : colW * 0.45f;
    const Rect pic{ImVec2(L.margin, y), ImVec2(L.margin + colW, y + picH)};
    const std::string subject = o.subjects.empty() ? "" : std::string(o.subjects.front());
    if (!drawPicture(c, o.images.empty() ? std::string() : std::string(o.images.front().url), pic, f * 0.5f, ImDrawFlags_RoundCornersAll))
        c.dl->AddRectFilled(pic.min, pic.max, subjectColor(subject, c.highContrast), f * 0.5f);
    if (!o.images.empty() && !o.images.front().credit.empty())
    {
        const std::string credit = c.tr->format("detail.credit", {{"credit", std::string(c.text(o.images.front().credit))}});
        const ImVec2 cs = textSize(c.fonts->regular, f * 0.6f, credit);
        c.dl->AddRectFilled(ImVec2(pic.max.x - cs.x - f * 0.8f, pic.max.y - cs.y - f * 0.5f), pic.max, IM_COL32(0, 0, 0, creditShade().a));
        drawText(c.dl, c.fonts->regular, f * 0.6f, ImVec2(pic.max.x - cs.x - f * 0.4f, pic.max.y - cs.y - f * 0.25f), IM_COL32_WHITE,
                 credit);
    }
    y += picH + L.gap;
    y += drawWrapped(c.dl, c.fonts->bold, f * 1.3f, ImVec2(L.margin, y), c.th->text, c.text(o.title), colW, 3) + f * 0.3f;
    if (const catalog::Provider* p = c.catalog->providerOf(o))
        y += drawWrapped(c.dl, c.fonts->regular, f * 0.85f, ImVec2(L.margin, y), c.th->textMuted, c.text(p->name), colW, 2) + f * 0.4f;

    // [Facts] QR code with a sentence and the printed address, then the facts. Wide: in the
    // side column from the top. Portrait: under the title, the QR code left, facts beside it.
    float sy = wide ? top : y + L.gap * 0.5f;
    float factX = sideX, factW = sideW;
    float qrBottom = sy;
    const std::string url = takeHomeUrl(*c.catalog, o);
    if (!url.empty())
    {
        const float qrSide = wide ? std::min(sideW * 0.8f, H * 0.34f) : std::min(W * 0.36f, f * 13);
        const float qrX = wide ? sideX + (sideW - qrSide) * 0.5f : L.margin;
        const float textX = wide ? sideX : qrX, textW = wide ? sideW : qrSide;
        drawQr(c, url, Rect{ImVec2(qrX, sy), ImVec2(qrX + qrSide, sy + qrSide)});
        float qy = sy + qrSide + f * 0.4f;
        // A phone and one clear sentence; the address printed plainly (nobody can tap it).
        const float iconS = f * 1.4f;
        drawIcon(c.dl, Icon::Phone, ImVec2(textX + iconS * 0.5f, qy + iconS * 0.5f), iconS, c.th->text);
        qy += std::max(iconS, drawWrapped(c.dl, c.fonts->bold, f * 0.8f, ImVec2(textX + iconS * 1.2f, qy), c.th->text, c.t("detail.qr"),
                                          textW - iconS * 1.2f, 3)) +
              f * 0.2f;
        qy += drawWrapped(c.dl, c.fonts->regular, f * 0.7f, ImVec2(textX, qy), c.th->textMuted, url, textW, 3) + f * 0.6f;
        if (wide)
            sy = qy;
        else
        {
            qrBottom = qy;
            factX = L.margin + qrSide + L.gap * 2;
            factW = W - factX - L.margin;
        }
    }
    auto fact = [&](const std::string& label, const std::string& value)
    {
        if (value.empty())
            return;
        drawText(c.dl, c.fonts->bold, f * 0.8f, ImVec2(factX, sy), c.th->textMuted, label);
        sy += f * 1.05f;
        sy += drawWrapped(c.dl, c.fonts->regular, f * 0.85f, ImVec2(factX, sy), c.th->text, value, factW, 4) + f * 0.35f;
    };
    if (const catalog::Place* p = c.catalog->placeOf(o))
    {
        std::string where = std::string(c.text(p->name));
        if (!p->address.street.empty() || !p->address.locality.empty())
            where += ", " + std::string(p->address.street) + (p->address.street.empty() ? "" : ", ") + std::string(p->address.postalCode) +
                     " " + std::string(p->address.locality);
        fact(c.t("detail.place"), where);
    }
    std::string price;
    if (o.isFree && *o.isFree)
        price = c.t("card.free");
    else
        for (const auto& p : o.prices)
            price += (price.empty() ? "" : ", ") + formatPrice(p.price, p.currency, c.lang) +
                     (p.name.empty() ? "" : " (" + std::string(c.text(p.name)) + ")");
    fact(c.t("detail.price"), price);
    if (o.registration.mode == catalog::RegistrationMode::Required)
        fact(c.t("detail.registration"), c.t("detail.registration_required"));
    else if (o.registration.mode == catalog::RegistrationMode::None)
        fact(c.t("detail.registration"), c.t("detail.no_registration"));
    {
        // The offer's contact, else its provider's.
        catalog::Contact contact = o.contact;
        if (contact.email.empty() && contact.phone.empty())
            if (const catalog::Provider* p = c.catalog->providerOf(o))
                contact = p->contact;
        std::string lines;
        if (!contact.phone.empty())
            lines += c.tr->format("detail.phone", {{"phone", std::string(contact.phone)}});
        if (!contact.email.empty())
            lines += (lines.empty() ? "" : "\n") + c.tr->format("detail.email", {{"email", std::string(contact.email)}});
        fact(c.t("detail.contact"), lines);
    }
    std::string access;
    if (o.accessibility.wheelchair)
        access = c.t(*o.accessibility.wheelchair ? "detail.wheelchair" : "detail.not_wheelchair");
    if (!o.accessibility.info.empty())
        access += (access.empty() ? "" : ". ") + sentenceCase(c.text(o.accessibility.info));
    fact(c.t("detail.accessibility"), sentenceCase(access));
    fact(c.t("filter.age"), ageLabel(c, o));
    float flow = wide ? y : std::max(sy, qrBottom) + L.gap * 0.5f;

    // [Description and dates] in the main column (portrait: under the facts).
    const std::string_view description = c.text(o.description).empty() ? c.text(o.summary) : c.text(o.description);
    flow +=
        drawWrapped(c.dl, c.fonts->regular, f * 0.9f, ImVec2(L.margin, flow), c.th->text, sentenceCase(description), colW, 60) + f * 0.6f;
    auto heading = [&](const std::string& text)
    {
        drawText(c.dl, c.fonts->bold, f, ImVec2(L.margin, flow), c.th->text, text);
        flow += f * 1.4f;
    };
    auto line = [&](const std::string& text, ImU32 color)
    { flow += drawWrapped(c.dl, c.fonts->regular, f * 0.9f, ImVec2(L.margin, flow), color, text, colW, 2) + f * 0.3f; };
    if (o.schedule.kind == catalog::ScheduleKind::OnRequest)
    {
        heading(c.t("detail.dates"));
        line(o.schedule.note.empty() ? c.t("card.on_request") : sentenceCase(c.text(o.schedule.note)), c.th->text);
    }
    else if (o.schedule.kind == catalog::ScheduleKind::OpeningHours)
    {
        heading(c.t("detail.opening_hours"));
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
            line(days + "  " + formatClockRange(h.opensMinute, h.closesMinute, c.lang), c.th->text);
        }
    }
    else
    {
        heading(c.t("detail.dates"));
        constexpr int kMaxDates = 8;
        int shown = 0, more = 0;
        for (const auto& occ : o.schedule.dates())
        {
            if (occ.end() < c.wallNow)
                continue;
            if (shown >= kMaxDates)
            {
                ++more;
                continue;
            }
            std::string text = dateLine(c, occ);
            if (occ.cancelled)
                text += "  — " + c.t("detail.cancelled_date");
            line(text, occ.cancelled ? c.th->warning : c.th->text);
            ++shown;
        }
        if (more > 0)
            line(c.tr->format(more == 1 ? "detail.more_dates_one" : "detail.more_dates", {{"n", std::to_string(more)}}), c.th->textMuted);
        if (shown == 0 && more == 0)
            line(c.t("detail.no_dates"), c.th->textMuted);
    }

    float bottom = std::max(flow, wide ? sy : flow);
    c.dl->PopClipRect();
    const float contentH = bottom + offset + L.margin - area.min.y;
    scroller.setRange(std::max(0.0f, contentH - area.height()));
    drawScrollHint(c, scroller, area, contentH);

    // The header shows no title (the page shows it once, large); its right end holds
    // "Auf der Karte zeigen", always in reach whatever the page's length (low reach: in
    // the navigation bar at the bottom).
    drawHeader(c, "", "", true, true);
    const float button = L.headerHeight - f * 0.8f;
    const float barY = c.lowReach ? H - navBarHeight(c) : 0.0f;
    const float by = barY + (L.headerHeight - button) * 0.5f;
    // Room for bigButton's icon, paddings and the whole label (never ellipsized).
    auto widthFor = [&](const std::string& label)
    { return textSize(c.fonts->bold, f * 1.05f, label).x + std::min(button * 0.55f, f * 1.8f) + f * 2.2f; };
    float right = W - L.margin;
    if (const catalog::Place* p = c.catalog->placeOf(o); p && p->geo)
    {
        const float bw = widthFor(c.t("detail.show_map"));
        const Rect r{ImVec2(right - bw, by), ImVec2(right, by + button)};
        if (bigButton(c, "detail.show_map", r, c.t("detail.show_map"), c.th->accent, c.th->textOnAccent, Icon::Map))
            c.emit(IntentKind::OpenMap, 0, std::string(o.id));
        right -= bw + L.gap;
    }
    // Read aloud (when the kiosk can speak): left of the map button; while it reads, "Stopp".
    if (c.speech)
    {
        std::string label = c.t(c.speaking ? "speech.stop" : "speech.read_aloud");
        float bw = std::max(widthFor(c.t("speech.read_aloud")), widthFor(c.t("speech.stop")));
        // Where "Zurück" and "Start" end (drawHeader); when the label does not fit between
        // them and the map button (larger text, a narrow panel), the loudspeaker alone.
        const float navEnd = L.margin + button * 5.0f + 2 * L.gap;  // (low reach: the same, in the bottom bar)
        if (right - bw < navEnd)
        {
            label.clear();
            bw = button;
        }
        const Rect r{ImVec2(right - bw, by), ImVec2(right, by + button)};
        if (bigButton(c, "detail.read_aloud", r, label, c.th->surface, c.th->text, c.speaking ? Icon::Stop : Icon::Speaker))
            c.emit(c.speaking ? IntentKind::StopReading : IntentKind::ReadAloud, 0, std::string(o.id));
    }
}

}  // namespace mint::ui
