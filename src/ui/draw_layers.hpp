// Two draw layers per screen: solid shapes and pictures below, text above.
//
// Why: on kiosk PCs without a GPU, Mesa's llvmpipe runs ImGui's fragment shader for every
// pixel, and a filtered texture lookup per pixel is most of a frame's cost. Solid shapes
// therefore sample a 1x1 white texture with the nearest filter (TextureCache::white())
// instead of the font atlas's white texel with the linear filter, and text switches to the
// font atlas. Switching textures for every label would split the draw list into hundreds
// of draw calls; with the text in its own channel, a screen stays at a few dozen.
//
// Rule for screens: within one layer, text is drawn above every shape of that layer. A
// shape that must cover text drawn before it (an overlay, a pop-up) starts a new layer
// with closeLayer(). drawText() in fonts.hpp picks the text channel by itself.
#pragma once

#include <imgui.h>

namespace mint::ui
{

/// Start of the frame: shapes use `white` from now on; text goes to its own channel.
inline void beginLayers(ImDrawList* dl, ImTextureID white)
{
    dl->PushTextureID(white);
    dl->ChannelsSplit(2);
}

/// What follows is drawn above everything drawn so far (text included).
inline void closeLayer(ImDrawList* dl)
{
    dl->ChannelsMerge();
    dl->ChannelsSplit(2);
}

/// Plain drawing order from here (for screens that interleave text and shapes freely,
/// such as the map); closeLayer() returns to layers.
inline void pauseLayers(ImDrawList* dl)
{
    dl->ChannelsMerge();
}

/// End of the frame.
inline void endLayers(ImDrawList* dl)
{
    dl->ChannelsMerge();
    dl->PopTextureID();
}

inline bool layersActive(const ImDrawList* dl)
{
    return dl->_Splitter._Count > 1;
}

}  // namespace mint::ui
