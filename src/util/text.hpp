// Small string helpers shared by the layers (header-only, no dependencies).
#pragma once

#include <cctype>
#include <string_view>

namespace mint::util
{

/// ASCII case-insensitive prefix test; `lowerPrefix` must be lower case ("https://").
inline bool startsWithNoCase(std::string_view s, std::string_view lowerPrefix)
{
    if (s.size() < lowerPrefix.size())
        return false;
    for (std::size_t i = 0; i < lowerPrefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != lowerPrefix[i])
            return false;
    return true;
}

}  // namespace mint::util
