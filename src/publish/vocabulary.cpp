// Vocabulary; see vocabulary.hpp.
#include "vocabulary.hpp"

#include "german_values.hpp"

#include <map>

namespace mint::publish
{

namespace
{

const std::map<std::string, std::string>& typeWords()
{
    static const std::map<std::string, std::string> words = {
        {"workshop", "workshop"},         {"werkstatt", "workshop"}, {"kurs", "course"},        {"course", "course"},
        {"ferienprogramm", "camp"},       {"ferienkurs", "camp"},    {"camp", "camp"},          {"feriencamp", "camp"},
        {"veranstaltung", "event"},       {"event", "event"},        {"vortrag", "event"},      {"offenes_labor", "open_lab"},
        {"offene_werkstatt", "open_lab"}, {"open_lab", "open_lab"},  {"besichtigung", "visit"}, {"betriebsbesichtigung", "visit"},
        {"exkursion", "visit"},           {"fuehrung", "visit"},     {"visit", "visit"},        {"wettbewerb", "competition"},
        {"competition", "competition"},   {"online", "online"},      {"ag", "course"},
    };
    return words;
}

const std::map<std::string, std::string>& subjectWords()
{
    static const std::map<std::string, std::string> words = {
        {"mathe", "mathematik"},
        {"mathematik", "mathematik"},
        {"informatik", "informatik"},
        {"naturwissenschaft", "naturwissenschaften"},
        {"naturwissenschaften", "naturwissenschaften"},
        {"technik", "technik"},
        {"programmieren", "programmierung"},
        {"coding", "programmierung"},
        {"ki", "kuenstliche_intelligenz"},
        {"medien", "medienbildung"},
        {"umweltbildung", "umwelt"},
        {"geowissenschaft", "geowissenschaften"},
    };
    return words;
}

const std::map<std::string, std::string>& audienceWords()
{
    static const std::map<std::string, std::string> words = {
        {"kinder", "children"},
        {"kind", "children"},
        {"jugendliche", "youth"},
        {"jugend", "youth"},
        {"eltern", "parents"},
        {"familien", "families"},
        {"familie", "families"},
        {"schulklassen", "school_classes"},
        {"schulen", "school_classes"},
        {"schulklasse", "school_classes"},
        {"lehrkraefte", "teachers"},
        {"lehrer", "teachers"},
        {"lehrerinnen", "teachers"},
        {"unternehmen", "companies"},
        {"firmen", "companies"},
        {"alle", "general_public"},
        {"oeffentlichkeit", "general_public"},
        {"erwachsene", "general_public"},
    };
    return words;
}

}  // namespace

std::string offerTypeKey(std::string_view word)
{
    const std::string key = toKey(word);
    const auto it = typeWords().find(key);
    return it != typeWords().end() ? it->second : key;
}

std::string subjectKey(std::string_view word)
{
    const std::string key = toKey(word);
    const auto it = subjectWords().find(key);
    return it != subjectWords().end() ? it->second : key;
}

std::optional<std::string> audienceKey(std::string_view word)
{
    const auto it = audienceWords().find(toKey(word));
    if (it == audienceWords().end())
        return std::nullopt;
    return it->second;
}

}  // namespace mint::publish
