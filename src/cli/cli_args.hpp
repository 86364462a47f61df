// Parsing of mint-catalog's command line into typed options; no I/O.
#pragma once

#include "catalog/query.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mint::cli
{

struct QueryOptions
{
    std::vector<std::string> audiences;
    std::vector<std::string> subjects;
    std::optional<int> age;
    std::optional<int> grade;
    bool freeOnly = false;
    std::optional<std::string> mode;
    std::optional<catalog::GeoPoint> near;
    std::optional<double> radiusKm;
    std::optional<std::string> from, to, at, when;
    std::optional<std::string> text;
    std::string sort = "next";
    std::size_t limit = 0;
    std::string lang;
    bool includePast = false;
    bool includeCancelled = false;
};

struct Arguments
{
    std::string command;  ///< validate | stats | query | help | version
    std::string feed;
    bool json = false;
    QueryOptions query;
    std::optional<std::size_t> maxOffers;
    std::optional<std::size_t> maxBytes;
};

/// The value after option args[i] (advancing i); false with "OPTION needs a value" when none.
bool optionValue(const std::vector<std::string>& args, std::size_t& i, std::string& value, std::string& error);

/// Parses argv; on error returns nullopt and sets `error` to a one-line message.
std::optional<Arguments> parseArguments(const std::vector<std::string>& args, std::string& error);

}  // namespace mint::cli
