// Cover-crop and resample; see image_scale.hpp.
#include "media/image_scale.hpp"

#include <algorithm>
#include <cmath>

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_STATIC
#include <stb_image_resize.h>

namespace mint::media
{

DecodedImage coverScale(const DecodedImage& source, int width, int height)
{
    DecodedImage out;
    if (!source.ok() || width <= 0 || height <= 0 || source.width <= 0 || source.height <= 0)
    {
        out.error = "nothing to scale";
        return out;
    }
    // The largest centred window of the source with the target's aspect.
    int cropW = source.width, cropH = source.height;
    const double want = static_cast<double>(width) / height;
    if (static_cast<double>(source.width) / source.height > want)
        cropW = std::max(1, static_cast<int>(std::lround(source.height * want)));
    else
        cropH = std::max(1, static_cast<int>(std::lround(source.width / want)));
    cropW = std::min(cropW, source.width);
    cropH = std::min(cropH, source.height);
    const int x0 = (source.width - cropW) / 2, y0 = (source.height - cropH) / 2;
    const std::size_t stride = static_cast<std::size_t>(source.width) * 4;
    const unsigned char* first = source.rgba.data() + static_cast<std::size_t>(y0) * stride + static_cast<std::size_t>(x0) * 4;
    out.width = width;
    out.height = height;
    out.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    // Pictures are sRGB photos without meaningful alpha; the plain (non-premultiplied,
    // linear-space) filter is what browsers do for thumbnails and costs least.
    if (!stbir_resize_uint8(first, cropW, cropH, static_cast<int>(stride), out.rgba.data(), width, height, 0, 4))
    {
        out.rgba.clear();
        out.error = "scaling failed";
    }
    return out;
}

}  // namespace mint::media
