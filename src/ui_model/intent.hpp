// What a visitor (or staff) asked for in one frame. Screens draw from data and emit
// intents ("open offer 17", "set filter"); the app applies them after the frame, so a
// screen never changes state while others draw.
#pragma once

#include <string>

namespace mint::ui
{

enum class IntentKind
{
    Start,  ///< leave the attract screen
    GoHome,
    Back,
    ChooseGroup,    ///< value: VisitorGroup (or -1 for none)
    ChooseSubject,  ///< text: subject key ("" for all)
    ChooseAge,      ///< value: age (or -1)
    ChooseWhen,     ///< value: WhenChoice
    ToggleFree,
    ChooseDistance,  ///< value: DistanceChoice
    ToggleSort,
    ShowResults,  ///< with the current choices
    OpenOffer,    ///< text: offer id
    LoosenLast,
    ToggleLanguage,
    ToggleLargeText,
    ToggleContrast,
    ToggleLowReach,
    StillHere,
    OpenSearch,
    TypeText,  ///< text: the characters typed
    Backspace,
    ClearText,
    PinDigit,  ///< value: 0-9
    PinDelete,
    PinOk,
    AdminSyncNow,
    AdminReturn,
    AdminQuit,
    AdminDisplayOn,        ///< the screen on now, until the next scheduled opening
    AdminDisplaySchedule,  ///< follow the opening hours again
    ReadAloud,             ///< text: offer id to read aloud
    StopReading,           ///< stop what is being read
    AdminVolumeUp,         ///< read aloud louder
    AdminVolumeDown,       ///< read aloud softer
    OpenMap,               ///< text: offer id to show (empty: all results)
    OpenFilters,           ///< the filter panel on the results screen
    CloseFilters,
    ClearFilters,   ///< every filter and the search word
    MapZoomIn,      ///< one level in, around the map's centre
    MapZoomOut,     ///< one level out
    MapStartView,   ///< back to where the map started
    MapTapMarker,   ///< text: offer id (its card opens)
    MapTapCluster,  ///< value: the cluster's index in the map's clusters
    MapCloseList,   ///< the list of offers at one place
    MapTapEmpty,    ///< x, y: a tap on the map itself (closes, or zooms in on a double tap)
};

struct Intent
{
    IntentKind kind;
    int value = 0;
    std::string text = {};
    float x = 0, y = 0;  ///< where, for intents about a point on the screen
};

}  // namespace mint::ui
