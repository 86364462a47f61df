// Offers from a spreadsheet (CSV) with the template's German columns (see
// assets/templates/angebote.csv and docs/publishing.md for every column). A row with an
// error is left out and reported; the others are imported.
#pragma once

#include "import_model.hpp"

#include <string>
#include <string_view>

namespace mint::publish
{

/// `fileName` names the source in messages; `bytes` are the file as it is (any encoding
/// text_encoding.hpp knows).
ImportResult importCsv(const std::string& fileName, std::string_view bytes, const ImportMapping& mapping);

/// The template's columns, in order (the header of assets/templates/angebote.csv).
const std::vector<std::string>& templateColumns();

}  // namespace mint::publish
