// The intent rules: what each tap the screens report does to the visitor session, and
// what the app then has to carry out (run a query, check a PIN, sync, quit, count a
// figure). A pure function of the session and a few facts; unit-tested without a window.
#pragma once

#include "app/core/session.hpp"
#include "catalog/query.hpp"
#include "config/kiosk_config.hpp"
#include "ui_model/intent.hpp"

#include <vector>

namespace mint::app
{

/// What the rules may read besides the session.
struct IntentContext
{
    const config::KioskConfig* config = nullptr;
    const catalog::Catalog* catalog = nullptr;      ///< null before the first catalogue
    const catalog::QueryResult* results = nullptr;  ///< the offers listed now (map markers)
    double nowS = 0;                                ///< monotonic seconds
    catalog::Timestamp wallNow = 0;                 ///< wall clock (staff's "sync now" notice)
    float fontPx = 30;                              ///< the layout's body text (map marker spacing)
    float touchMinPx = 80;                          ///< the layout's smallest target (double tap distance)
    bool pinLocked = false;                         ///< too many wrong PINs: the pad ignores digits
    bool pinChecking = false;                       ///< a PIN is being checked right now
};

/// What the app carries out after the rules changed the session.
struct Effects
{
    bool query = false;            ///< the choices changed or a listing screen opened: ask again
    bool checkPin = false;         ///< check staff.pinDigits (on a worker: PBKDF2 takes a moment)
    bool syncNow = false;          ///< staff's "sync now"
    bool resetSession = false;     ///< staff left the admin screen: start afresh
    bool quit = false;             ///< staff confirmed "Beenden"
    bool displayOn = false;        ///< staff: the screen on now (until the next opening)
    bool displaySchedule = false;  ///< staff: follow the opening hours again
    std::string readAloud;         ///< read this offer aloud (its id)
    bool stopReading = false;      ///< stop reading (the button again, or the page left)
    int volumeStep = 0;            ///< staff: read-aloud volume up (+1) or down (-1)
    bool stillHere = false;        ///< the idle countdown starts again
    bool sessionStarted = false;   ///< usage figures: a visitor began
    bool detailViewed = false;     ///< usage figures: an offer's page opened
    bool qrShown = false;          ///< usage figures: ... with a QR code to take home

    Effects& operator|=(const Effects& o);
};

Effects applyIntent(VisitorSession& s, const ui::Intent& intent, const IntentContext& ctx);
Effects applyIntents(VisitorSession& s, const std::vector<ui::Intent>& intents, const IntentContext& ctx);

/// The language shown: the session's, else the kiosk's first.
const std::string& sessionLanguage(const VisitorSession& s, const config::KioskConfig& config);

/// Screens that list offers (and so need the current query's results).
bool needsResults(Screen s);

}  // namespace mint::app
