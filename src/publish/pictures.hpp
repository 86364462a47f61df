// Pictures of a release: each offer's pictures (files beside the source, or URLs) are
// checked, scaled down to the size the kiosk shows (longest edge `maxEdge`), re-encoded as
// JPEG (PNG when they have transparency) and stored by content (images/<sha256>.jpg), so the
// same picture is stored once and a kiosk's cache never serves an old one under a new name.
// Credit and alt text stay with the picture.
#pragma once

#include "import_model.hpp"
#include "rpde_import.hpp"

#include <map>
#include <string>

namespace mint::publish
{

struct PictureOptions
{
    std::string outDir;  ///< the release folder (pictures go to outDir/images)
    int maxEdge = 1280;  ///< longest edge in pixels after scaling
    bool write = true;   ///< false: check only (--check)
};

struct PictureStats
{
    std::size_t pictures = 0;  ///< references rewritten
    std::size_t stored = 0;    ///< distinct files written
    std::size_t failed = 0;    ///< references dropped (unreadable, not a picture, too large)
};

/// Rewrites the image URLs of every offer in `part` (whose relative paths are resolved in
/// `sourceDir`); pictures that cannot be used are dropped with a problem. `cache` maps a
/// source reference to its stored name across calls (one picture, one download).
void processPictures(ImportResult& part, const std::string& sourceDir, const PictureOptions& options, const PageFetcher& fetch,
                     std::map<std::string, std::string>& cache, PictureStats& stats);

}  // namespace mint::publish
