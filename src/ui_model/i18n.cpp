// Translations; see i18n.hpp.
#include "i18n.hpp"

#include "util/fs_util.hpp"

#include <nlohmann/json.hpp>

namespace mint::ui
{

namespace
{

/// Flattens nested objects into dotted keys: {"home": {"who": "x"}} -> "home.who".
bool flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, std::string, std::less<>>& out, std::string& error)
{
    for (auto it = j.begin(); it != j.end(); ++it)
    {
        const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object())
        {
            if (!flatten(*it, key, out, error))
                return false;
        }
        else if (it->is_string())
            out[key] = it->get<std::string>();
        else
        {
            error = key + ": expected a text";
            return false;
        }
    }
    return true;
}

}  // namespace

bool Translations::addLanguage(const std::string& lang, const std::string& jsonText, std::string& error)
{
    try
    {
        const auto j = nlohmann::json::parse(jsonText);
        if (!j.is_object())
        {
            error = lang + ": expected an object";
            return false;
        }
        std::map<std::string, std::string, std::less<>> texts;
        if (!flatten(j, "", texts, error))
        {
            error = lang + ": " + error;
            return false;
        }
        m_texts[lang] = std::move(texts);
        return true;
    }
    catch (const std::exception& e)
    {
        error = lang + ": " + e.what();
        return false;
    }
}

bool Translations::load(const std::string& dir, const std::vector<std::string>& languages, std::string& error)
{
    for (const auto& lang : languages)
    {
        std::string text;
        if (!util::readWholeFile(dir + "/" + lang + ".json", text, error) || !addLanguage(lang, text, error))
            return false;
    }
    if (!languages.empty())
        m_current = languages.front();
    return true;
}

const std::string& Translations::tr(std::string_view key) const
{
    static const std::string kReference = "de";
    for (const std::string* lang : {&m_current, &kReference})
    {
        auto l = m_texts.find(*lang);
        if (l == m_texts.end())
            continue;
        auto t = l->second.find(key);
        if (t != l->second.end())
            return t->second;
    }
    m_missing = std::string(key);
    return m_missing;
}

std::string Translations::format(std::string_view key, const std::map<std::string, std::string>& values) const
{
    std::string out = tr(key);
    for (const auto& [name, value] : values)
    {
        const std::string token = "{" + name + "}";
        for (auto pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
            out.replace(pos, token.size(), value);
    }
    return out;
}

bool Translations::has(const std::string& lang, std::string_view key) const
{
    auto l = m_texts.find(lang);
    return l != m_texts.end() && l->second.find(key) != l->second.end();
}

std::vector<std::string> Translations::keys(const std::string& lang) const
{
    std::vector<std::string> out;
    auto l = m_texts.find(lang);
    if (l != m_texts.end())
        for (const auto& [k, v] : l->second)
            out.push_back(k);
    return out;
}

std::vector<std::string> Translations::languages() const
{
    std::vector<std::string> out;
    for (const auto& [lang, texts] : m_texts)
        out.push_back(lang);
    return out;
}

}  // namespace mint::ui
