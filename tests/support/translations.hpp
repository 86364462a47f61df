// The kiosk's own texts (assets/i18n) for tests, in one language.
#pragma once

#include "ui_model/i18n.hpp"

#include <doctest/doctest.h>

#include <string>

namespace mint::test
{

inline ui::Translations translations(const std::string& lang = "de")
{
    ui::Translations tr;
    std::string error;
    REQUIRE_MESSAGE(tr.load(std::string(MINT_SOURCE_DIR) + "/assets/i18n", {"de", "en"}, error), error);
    tr.setLanguage(lang);
    return tr;
}

}  // namespace mint::test
