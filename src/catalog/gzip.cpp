// gzip decompression with a size cap; see gzip.hpp.
#include "gzip.hpp"

#include <zlib.h>

#include <algorithm>

namespace mint::catalog
{

bool looksGzipped(std::string_view bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

bool gunzip(std::string_view compressed, std::size_t maxBytes, std::string& out, std::string& error)
{
    z_stream zs{};
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
    {
        error = "cannot start decompression";
        return false;
    }
    out.clear();
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    std::size_t produced = 0;
    int rc = Z_OK;
    while (rc != Z_STREAM_END)
    {
        if (produced == out.size())
        {
            if (out.size() >= maxBytes)
            {
                inflateEnd(&zs);
                error = "the feed inflates to more than the limit of " + std::to_string(maxBytes) + " bytes";
                return false;
            }
            out.resize(std::min(maxBytes, std::max<std::size_t>(out.size() * 2, compressed.size() * 4 + 4096)));
        }
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, 1u << 30));
        const uInt before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        produced += before - zs.avail_out;
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
        {
            inflateEnd(&zs);
            error = std::string("damaged gzip data") + (zs.msg ? std::string(": ") + zs.msg : std::string());
            return false;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0)
        {
            inflateEnd(&zs);
            error = "gzip data ends early";
            return false;
        }
    }
    inflateEnd(&zs);
    out.resize(produced);
    return true;
}

}  // namespace mint::catalog

namespace mint::catalog
{

std::string gzipCompress(std::string_view data)
{
    z_stream zs{};
    // 15 window bits + 16: a gzip header (what web servers serve as .gz).
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
}

}  // namespace mint::catalog
