// Picture scaling for display: pictures are cropped and scaled once, on a worker thread,
// to the exact pixel size they are shown at. A software renderer (Mesa llvmpipe on the
// kiosk PCs without a GPU) then samples them 1:1 with the cheap nearest filter instead of
// filtering a larger picture every frame.
#pragma once

#include "media/image_decode.hpp"

namespace mint::media
{

/// "Cover": crops the picture's longer side (centred) so its aspect matches width:height,
/// then scales it to exactly width x height (a filtered resample, not nearest). Returns an
/// empty image when the source is empty or the size is not positive.
DecodedImage coverScale(const DecodedImage& source, int width, int height);

}  // namespace mint::media
