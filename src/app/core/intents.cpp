// The intent rules; see intents.hpp.
#include "intents.hpp"

#include "app/core/map_flow.hpp"

#include <algorithm>

namespace mint::app
{

Effects& Effects::operator|=(const Effects& o)
{
    query |= o.query;
    checkPin |= o.checkPin;
    syncNow |= o.syncNow;
    resetSession |= o.resetSession;
    quit |= o.quit;
    displayOn |= o.displayOn;
    displaySchedule |= o.displaySchedule;
    if (!o.readAloud.empty())
        readAloud = o.readAloud;
    stopReading |= o.stopReading;
    volumeStep += o.volumeStep;
    stillHere |= o.stillHere;
    sessionStarted |= o.sessionStarted;
    detailViewed |= o.detailViewed;
    qrShown |= o.qrShown;
    return *this;
}

const std::string& sessionLanguage(const VisitorSession& s, const config::KioskConfig& config)
{
    return s.language.empty() ? config.kiosk.languages.front() : s.language;
}

bool needsResults(Screen s)
{
    return s == Screen::Home || s == Screen::Results || s == Screen::Detail || s == Screen::Search || s == Screen::Map;
}

namespace
{

void go(VisitorSession& s, Screen to)
{
    if (to != s.screen)
        s.backStack.push_back(s.screen);
    s.screen = to;
}

/// The choices changed: the list starts from the top with the new results.
Effects showResults(VisitorSession& s)
{
    s.scroller.setOffset(0);
    if (s.screen != Screen::Results)
        go(s, Screen::Results);
    Effects fx;
    fx.query = true;
    return fx;
}

/// Removes the last UTF-8 character (its continuation bytes first).
std::string withoutLastCharacter(std::string t)
{
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80)
        t.pop_back();
    if (!t.empty())
        t.pop_back();
    return t;
}

}  // namespace

Effects applyIntent(VisitorSession& s, const ui::Intent& i, const IntentContext& ctx)
{
    using K = ui::IntentKind;
    Effects fx;
    const map::MapLimits limits = mapLimits(*ctx.config, ctx.catalog);
    switch (i.kind)
    {
    case K::Start:
        s.screen = Screen::Home;
        fx.sessionStarted = true;
        break;
    case K::GoHome:
        s.filtersOpen = false;
        s.browse.reset();
        s.backStack.clear();
        s.screen = Screen::Home;
        fx.query = true;
        break;
    case K::Back:
        if (s.screen == Screen::Results && s.filtersOpen)
            s.filtersOpen = false;  // "back" first closes the panel
        else if (!s.backStack.empty())
        {
            s.screen = s.backStack.back();
            s.backStack.pop_back();
        }
        else
            s.screen = Screen::Home;
        break;
    case K::ChooseGroup:
        s.browse.setGroup(i.value < 0 ? std::nullopt : std::optional<ui::VisitorGroup>(static_cast<ui::VisitorGroup>(i.value)));
        return showResults(s);
    case K::ChooseSubject: s.browse.setSubject(i.text); return showResults(s);
    case K::ChooseAge: s.browse.setAge(i.value < 0 ? std::nullopt : std::optional<int>(i.value)); return showResults(s);
    case K::ChooseWhen: s.browse.setWhen(static_cast<ui::WhenChoice>(i.value)); return showResults(s);
    case K::ToggleFree: s.browse.setFree(!s.browse.freeOnly); return showResults(s);
    case K::ChooseDistance: s.browse.setDistance(static_cast<ui::DistanceChoice>(i.value)); return showResults(s);
    case K::ToggleSort:
        s.browse.sort = s.browse.sort == catalog::SortOrder::Distance ? catalog::SortOrder::Next : catalog::SortOrder::Distance;
        return showResults(s);
    case K::ShowResults: return showResults(s);
    case K::LoosenLast: s.browse.loosenLast(); return showResults(s);
    case K::ClearFilters:
    {
        const catalog::SortOrder sort = s.browse.sort;
        s.browse.reset();
        s.browse.sort = sort;
        return showResults(s);
    }
    case K::OpenOffer:
    {
        s.filtersOpen = false;
        s.detailId = i.text;
        s.detailScroller.setOffset(0);
        go(s, Screen::Detail);
        fx.detailViewed = true;
        const catalog::Offer* o = ctx.catalog ? ctx.catalog->findOffer(s.detailId) : nullptr;
        fx.qrShown = o && (!o->url.empty() || !o->registration.url.empty());
        break;
    }
    case K::PinDigit:
        if (!ctx.pinLocked && s.staff.pinDigits.size() < 8 && !ctx.pinChecking && i.value >= 0 && i.value <= 9)
            s.staff.pinDigits += static_cast<char>('0' + i.value);
        s.staff.pinMessage.clear();
        break;
    case K::PinDelete:
        if (!s.staff.pinDigits.empty())
            s.staff.pinDigits.pop_back();
        break;
    case K::PinOk: fx.checkPin = !ctx.pinLocked && !ctx.pinChecking; break;
    case K::AdminSyncNow:
        // Staff see that it works, then the result (the admin screen compares the next
        // status's attempt time with this moment).
        s.staff.quitArmed = false;
        s.staff.syncRequestedAt = ctx.wallNow;
        fx.syncNow = true;
        break;
    case K::AdminReturn: fx.resetSession = true; break;
    case K::AdminDisplayOn:
        s.staff.quitArmed = false;
        fx.displayOn = true;
        break;
    case K::ReadAloud: fx.readAloud = i.text; break;
    case K::StopReading: fx.stopReading = true; break;
    case K::AdminVolumeUp: fx.volumeStep = 1; break;
    case K::AdminVolumeDown: fx.volumeStep = -1; break;
    case K::AdminDisplaySchedule:
        s.staff.quitArmed = false;
        fx.displaySchedule = true;
        break;
    case K::AdminQuit:
        // Asks once: the first tap arms the button ("Wirklich beenden?"), the second quits.
        if (!s.staff.quitArmed)
            s.staff.quitArmed = true;
        else
            fx.quit = true;
        break;
    case K::OpenMap:
        // The region around the kiosk (or the region's centre); from a detail page the map
        // then flies to the offer's place.
        if (ctx.results)
            openMap(s, *ctx.config, ctx.catalog, *ctx.results, i.text, ctx.fontPx, ctx.nowS);
        go(s, Screen::Map);
        fx.query = true;
        break;
    case K::ToggleLanguage:
    {
        const auto& langs = ctx.config->kiosk.languages;
        auto it = std::find(langs.begin(), langs.end(), sessionLanguage(s, *ctx.config));
        s.language = it == langs.end() || it + 1 == langs.end() ? langs.front() : *(it + 1);
        break;
    }
    case K::ToggleLargeText: s.a11y.largeText = !s.a11y.largeText; break;
    case K::ToggleContrast: s.a11y.highContrast = !s.a11y.highContrast; break;
    case K::ToggleLowReach: s.a11y.lowReach = !s.a11y.lowReach; break;
    case K::StillHere: fx.stillHere = true; break;
    case K::OpenSearch:
        go(s, Screen::Search);
        fx.query = true;
        break;
    case K::TypeText:
        if (s.browse.text.size() < 40)
            s.browse.setText(s.browse.text + i.text);
        fx.query = true;
        break;
    case K::Backspace:
        s.browse.setText(withoutLastCharacter(s.browse.text));
        fx.query = true;
        break;
    case K::ClearText:
        s.browse.setText("");
        fx.query = true;
        break;
    case K::OpenFilters:
        s.filtersOpen = true;
        s.filterScroller.setOffset(0);
        break;
    case K::CloseFilters: s.filtersOpen = false; break;
    case K::MapZoomIn: s.map.zoomStep(+1, limits, ctx.nowS); break;
    case K::MapZoomOut: s.map.zoomStep(-1, limits, ctx.nowS); break;
    case K::MapStartView: s.map.goToStart(limits, ctx.nowS); break;
    case K::MapTapMarker: s.map.tapMarker(i.text); break;
    case K::MapTapCluster:
        if (i.value >= 0 && s.map.tapCluster(static_cast<std::size_t>(i.value), limits, ctx.nowS))
            s.mapListScroller.setOffset(0);
        break;
    case K::MapCloseList: s.map.listed.clear(); break;
    case K::MapTapEmpty: s.map.tapEmpty(i.x, i.y, ctx.touchMinPx, limits, ctx.nowS); break;
    }
    return fx;
}

Effects applyIntents(VisitorSession& s, const std::vector<ui::Intent>& intents, const IntentContext& ctx)
{
    Effects fx;
    for (const auto& i : intents)
        fx |= applyIntent(s, i, ctx);
    return fx;
}

}  // namespace mint::app
