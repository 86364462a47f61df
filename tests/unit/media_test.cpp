// Picture scaling for display (media/image_scale).
#include "media/image_scale.hpp"

#include <doctest/doctest.h>

using mint::media::DecodedImage;

namespace
{

DecodedImage stripes(int w, int h)
{
    // Left quarter red, middle half green, right quarter blue.
    DecodedImage img;
    img.width = w;
    img.height = h;
    img.rgba.resize(static_cast<std::size_t>(w * h * 4));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
        {
            unsigned char* p = &img.rgba[static_cast<std::size_t>((y * w + x) * 4)];
            p[0] = x < w / 4 ? 255 : 0;
            p[1] = x >= w / 4 && x < w * 3 / 4 ? 255 : 0;
            p[2] = x >= w * 3 / 4 ? 255 : 0;
            p[3] = 255;
        }
    return img;
}

const unsigned char* pixel(const DecodedImage& img, int x, int y)
{
    return &img.rgba[static_cast<std::size_t>((y * img.width + x) * 4)];
}

}  // namespace

TEST_CASE("cover scale: crops the longer side around the centre, then scales to the exact size")
{
    const DecodedImage wide = stripes(400, 200);
    const DecodedImage square = mint::media::coverScale(wide, 50, 50);
    REQUIRE(square.ok());
    CHECK(square.width == 50);
    CHECK(square.height == 50);
    CHECK(square.rgba.size() == 50u * 50u * 4u);
    // The centred 200x200 window is all green: the red and blue quarters are cropped away.
    for (int y = 0; y < 50; y += 7)
        for (int x = 0; x < 50; x += 7)
        {
            const unsigned char* p = pixel(square, x, y);
            CHECK(int(p[0]) == 0);
            CHECK(int(p[1]) == 255);
            CHECK(int(p[2]) == 0);
        }

    // Same aspect: nothing is cropped, all three bands survive the downscale.
    const DecodedImage half = mint::media::coverScale(wide, 200, 100);
    REQUIRE(half.ok());
    CHECK(int(pixel(half, 5, 50)[0]) == 255);
    CHECK(int(pixel(half, 100, 50)[1]) == 255);
    CHECK(int(pixel(half, 195, 50)[2]) == 255);
}

TEST_CASE("cover scale: a tall target crops top and bottom and can upscale")
{
    const DecodedImage wide = stripes(40, 20);
    const DecodedImage tall = mint::media::coverScale(wide, 30, 60);
    REQUIRE(tall.ok());
    CHECK(tall.width == 30);
    CHECK(tall.height == 60);
    // A 10x20 centre window (x 15..25): all green.
    CHECK(int(pixel(tall, 15, 30)[1]) == 255);
    CHECK(int(pixel(tall, 15, 30)[0]) == 0);
}

TEST_CASE("cover scale: empty input or a non-positive size gives an empty image, not a crash")
{
    CHECK_FALSE(mint::media::coverScale(DecodedImage{}, 10, 10).ok());
    CHECK_FALSE(mint::media::coverScale(stripes(8, 8), 0, 10).ok());
    CHECK_FALSE(mint::media::coverScale(stripes(8, 8), 10, -1).ok());
    CHECK_FALSE(mint::media::coverScale(stripes(8, 8), 0, 10).error.empty());
}
