// German folding for search and sorting.
#include "catalog/text_fold.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace mint::catalog;

TEST_CASE("fold: umlauts, their spellings and the plain vowel meet")
{
    CHECK(foldForSearch("Löwen") == "lowen");
    CHECK(foldForSearch("Loewen") == "lowen");
    CHECK(foldForSearch("Lowen") == "lowen");
    CHECK(foldForSearch("ÄRGER") == foldForSearch("aerger"));
    CHECK(foldForSearch("Übung") == foldForSearch("uebung"));
}

TEST_CASE("fold: sharp s in both cases becomes ss")
{
    CHECK(foldForSearch("Straße") == "strasse");
    CHECK(foldForSearch("STRAẞE") == "strasse");
    CHECK(foldForSearch("strasse") == "strasse");
}

TEST_CASE("fold: other accents and ligatures")
{
    CHECK(foldForSearch("Café Crème") == "cafe creme");
    CHECK(foldForSearch("Łódź") == "lodz");
    CHECK(foldForCollation("Œuvre") == "oeuvre");
    CHECK(foldForSearch("Ελλάδα") == "Ελλάδα");  // scripts we do not fold stay as they are
}

TEST_CASE("fold: collation keeps umlaut spelling distinct (DIN 5007-1)")
{
    CHECK(foldForCollation("Äpfel") == "apfel");
    CHECK(foldForCollation("Apfel") == "apfel");
    CHECK(foldForCollation("Aepfel") == "aepfel");
    CHECK(foldForCollation("Zebra") > foldForCollation("Übung"));
}

TEST_CASE("fold: words split on punctuation and typographic spaces")
{
    std::vector<std::string> words;
    forEachWord(foldForSearch("„Roboter-AG“ – 3D-Druck…"), [&](std::string_view w) { words.emplace_back(w); });
    CHECK(words == std::vector<std::string>{"roboter", "ag", "3d", "druck"});
}
