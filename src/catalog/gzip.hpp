// gzip/zlib decompression for feeds stored or served compressed, with a size cap so a
// small "zip bomb" cannot blow up a kiosk's memory; compression for mint-catalog build.
#pragma once

#include <string>
#include <string_view>

namespace mint::catalog
{

/// True when the bytes start with the gzip magic number (1f 8b).
bool looksGzipped(std::string_view bytes);

/// Inflates gzip (or zlib) data into `out`; false with a readable `error` when the data
/// is damaged or would inflate to more than `maxBytes`.
bool gunzip(std::string_view compressed, std::size_t maxBytes, std::string& out, std::string& error);

/// gzip-compressed `data` (zlib's default level, a gzip header); empty on failure.
std::string gzipCompress(std::string_view data);

}  // namespace mint::catalog
