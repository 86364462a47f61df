// Text from coordinators' files as UTF-8: spreadsheets come as UTF-8 with or without a byte
// order mark, or as Windows-1252 (Excel's "CSV" on German Windows). The encoding is
// recognised from the bytes; conversion is glibc's iconv.
#pragma once

#include <string>
#include <string_view>

namespace mint::publish
{

enum class SourceEncoding
{
    Utf8,
    Utf8WithBom,
    Windows1252
};
const char* encodingName(SourceEncoding encoding);

struct DecodedText
{
    std::string text;  ///< UTF-8, without a byte order mark
    SourceEncoding encoding = SourceEncoding::Utf8;
};

/// UTF-8 (a BOM is dropped) stays as it is; anything that is not valid UTF-8 is read as
/// Windows-1252 (every byte is a character there, so this never fails).
DecodedText toUtf8(std::string_view bytes);

}  // namespace mint::publish
