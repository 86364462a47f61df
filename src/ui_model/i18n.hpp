// Translations: dotted keys in one JSON file per language (assets/i18n/<lang>.json).
// German is the reference language; a key missing in another language falls back to
// German, and a key missing everywhere shows as the key itself (and is caught by a test).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mint::ui
{

class Translations
{
public:
    /// Loads every <lang>.json in `dir` for the given languages; false with `error`.
    bool load(const std::string& dir, const std::vector<std::string>& languages, std::string& error);
    /// Adds one language from JSON text (tests).
    bool addLanguage(const std::string& lang, const std::string& jsonText, std::string& error);

    void setLanguage(const std::string& lang) { m_current = lang; }
    const std::string& language() const { return m_current; }

    /// The text for `key` in the current language (fallback German, then the key).
    const std::string& tr(std::string_view key) const;
    /// tr() with "{name}" placeholders replaced: tr("results.count", {{"n", "12"}}).
    std::string format(std::string_view key, const std::map<std::string, std::string>& values) const;

    bool has(const std::string& lang, std::string_view key) const;
    std::vector<std::string> keys(const std::string& lang) const;
    std::vector<std::string> languages() const;

private:
    std::map<std::string, std::map<std::string, std::string, std::less<>>> m_texts;  ///< lang -> key -> text
    std::string m_current = "de";
    mutable std::string m_missing;
};

}  // namespace mint::ui
