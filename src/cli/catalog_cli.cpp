// mint-catalog commands; see catalog_cli.hpp and `mint-catalog --help`.
#include "catalog_cli.hpp"

#include "build_cli.hpp"
#include "catalog/feed_parser.hpp"
#include "catalog/query.hpp"
#include "catalog/schedule.hpp"
#include "catalog/time_util.hpp"
#include "cli_args.hpp"
#include "import_cli.hpp"
#include "report_cli.hpp"
#include "signing_cli.hpp"
#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

namespace mint::cli
{

namespace
{

using namespace mint::catalog;
using OrderedJson = nlohmann::ordered_json;

const char* const kHelp = R"(mint-catalog - check and query MINT Kiosk catalogue feeds (format v1)

Usage:
  mint-catalog validate FEED [--json] [--max-offers N] [--max-bytes N]
  mint-catalog stats FEED [--json]
  mint-catalog query FEED [filters] [--sort next|distance|title] [--limit N] [--json]

validate  Checks a feed as a publisher should: any broken offer is an error.
          Prints one problem per line as "path: message" (path is a JSON pointer).
stats     Counts per audience, subject, provider, schedule kind; date range; size.
query     Filters and sorts offers like the kiosk does. Filters:
  --audience A[,B]       children youth parents families school_classes teachers
                         companies general_public (any of them)
  --subject S[,T]        mathematik informatik naturwissenschaften technik, or a
                         narrower one (physik, robotik, ...); broad ones include narrow
  --age N                the visitor's age lies in the offer's age range
  --grade N              school grade lies in the offer's grade levels
  --free                 free offers only
  --mode M               offline, online or mixed
  --near LAT,LON         measure distances from here (km)
  --radius-km R          with --near: only offers within R km
  --from DATE --to DATE  occurs in the window; DATE is YYYY-MM-DD (local, --to
                         inclusive) or an RFC 3339 date and time (--to exclusive)
  --when W               today, tomorrow, weekend or week (next 7 days)
  --at DATETIME          "now" (RFC 3339, or local YYYY-MM-DDTHH:MM); default: the clock
  --text "..."           word prefixes over title, summary, provider, subjects, place;
                         German folding (Loewen = Löwen, strasse = Straße)
  --lang L               language of titles in the output (default: the feed's)
  --include-past         also offers whose dates are all over
  --include-cancelled    also cancelled offers and dates

Exit codes: 0 ok (valid, warnings allowed), 1 invalid feed, 2 usage or I/O error.
)";

struct Loaded
{
    LoadResult result;
    bool ioError = false;
};

Loaded load(const Arguments& args, std::ostream& err)
{
    Loaded out;
    FeedLimits limits;
    if (args.maxOffers)
        limits.maxOffers = *args.maxOffers;
    if (args.maxBytes)
        limits.maxDocumentBytes = *args.maxBytes;
    std::string bytes;
    std::string error;
    const ReadStatus status = readFile(args.feed, bytes, error, limits.maxDocumentBytes);
    if (status == ReadStatus::TooLarge)
    {
        // Oversized is a property of the feed, not of the file system: invalid, not I/O.
        out.result.issues.push_back({Severity::Fatal, "", error});
        return out;
    }
    if (status != ReadStatus::Ok)
    {
        err << "mint-catalog: " << error << "\n";
        out.ioError = true;
        return out;
    }
    out.result = loadCatalog(std::move(bytes), limits);
    return out;
}

/// "now" from --at (RFC 3339, local date-time or date) or the clock.
std::optional<Timestamp> parseInstant(const std::string& text, const date::time_zone* zone, bool endOfDay)
{
    if (auto day = timeutil::parseDate(text))
        return timeutil::dayStartUtc(zone, *day + (endOfDay ? 1 : 0));
    if (auto t = timeutil::parseDateTime(text, true))
        return timeutil::resolve(zone, *t);
    return std::nullopt;
}

int cmdValidate(const Arguments& args, std::ostream& out, std::ostream& err)
{
    Loaded loaded = load(args, err);
    if (loaded.ioError)
        return kExitUsage;
    const LoadResult& r = loaded.result;
    const std::size_t errors = r.count(Severity::Error) + r.count(Severity::Fatal);
    const bool valid = r.accepted() && errors == 0;
    if (args.json)
    {
        OrderedJson j;
        j["valid"] = valid;
        j["accepted"] = r.accepted();
        j["offers"] = r.accepted() ? r.catalog->offers.size() : 0;
        j["offers_skipped"] = r.offersSkipped;
        j["errors"] = errors;
        j["warnings"] = r.count(Severity::Warning);
        OrderedJson problems = OrderedJson::array();
        for (const auto& issue : r.issues)
            problems.push_back({{"severity", severityName(issue.severity)},
                                {"path", issue.pointer.empty() ? "/" : issue.pointer},
                                {"message", issue.message}});
        j["problems"] = problems;
        out << util::dumpJson(j, 2) << "\n";
    }
    else
    {
        for (const auto& issue : r.issues)
        {
            if (issue.severity == Severity::Warning)
                out << (issue.pointer.empty() ? "/" : issue.pointer) << ": warning: " << issue.message << "\n";
            else
                out << issue.toString() << "\n";
        }
        err << (valid ? "valid" : "invalid") << ": " << (r.accepted() ? r.catalog->offers.size() : 0) << " offers, " << r.offersSkipped
            << " skipped, " << errors << " errors, " << r.count(Severity::Warning) << " warnings\n";
    }
    return valid ? kExitOk : kExitInvalid;
}

/// Loads for stats/query: a rejected feed is exit 1; skipped offers are noted on stderr.
const Catalog* loadForUse(const Arguments& args, Loaded& loaded, std::ostream& err, int& exitCode)
{
    loaded = load(args, err);
    if (loaded.ioError)
    {
        exitCode = kExitUsage;
        return nullptr;
    }
    if (!loaded.result.accepted())
    {
        for (const auto& issue : loaded.result.issues)
            if (issue.severity == Severity::Fatal)
                err << issue.toString() << "\n";
        err << "mint-catalog: the feed was rejected\n";
        exitCode = kExitInvalid;
        return nullptr;
    }
    if (loaded.result.offersSkipped)
        err << "note: " << loaded.result.offersSkipped << " broken offers skipped (see mint-catalog validate)\n";
    return loaded.result.catalog.get();
}

int cmdStats(const Arguments& args, std::ostream& out, std::ostream& err)
{
    Loaded loaded;
    int code = kExitOk;
    const Catalog* cat = loadForUse(args, loaded, err, code);
    if (!cat)
        return code;
    std::map<std::string, std::size_t> audiences, subjects, providers, kinds, types;
    Timestamp first = INT64_MAX, last = INT64_MIN;
    std::size_t occurrences = 0, free = 0, withPlace = 0, withImages = 0;
    const std::string_view lang = cat->defaultLanguage();
    for (const Offer& o : cat->offers)
    {
        for (std::size_t a = 0; a < kAudienceCount; ++a)
            if (o.audienceMask & (1u << a))
                ++audiences[std::string(audienceKey(static_cast<Audience>(a)))];
        for (auto s : o.subjects)
            ++subjects[std::string(s)];
        const Provider* p = cat->providerOf(o);
        ++providers[p ? std::string(p->name.get(lang, lang)) : std::string("(none)")];
        ++kinds[std::string(scheduleKindKey(o.schedule.kind))];
        ++types[std::string(o.type)];
        for (const auto& occ : o.schedule.dates())
        {
            first = std::min(first, occ.start);
            last = std::max(last, occ.end());
        }
        occurrences += o.schedule.dates().size();
        free += o.isFree && *o.isFree;
        withPlace += cat->placeOf(o) != nullptr;
        withImages += !o.images.empty();
    }
    OrderedJson j;
    j["sequence"] = cat->sequence;
    j["generated_at"] = std::string(cat->generatedAtText);
    j["bytes"] = cat->source->size();
    j["offers"] = cat->offers.size();
    j["offers_skipped"] = loaded.result.offersSkipped;
    j["providers_count"] = cat->providers.size();
    j["places"] = cat->places.size();
    j["stories"] = cat->stories.size();
    j["tombstones"] = cat->tombstones.size();
    j["occurrences"] = occurrences;
    j["free"] = free;
    j["with_place"] = withPlace;
    j["with_images"] = withImages;
    j["first_date"] = first == INT64_MAX ? OrderedJson() : OrderedJson(timeutil::formatRfc3339(cat->zone, first));
    j["last_date"] = last == INT64_MIN ? OrderedJson() : OrderedJson(timeutil::formatRfc3339(cat->zone, last));
    j["audiences"] = audiences;
    j["subjects"] = subjects;
    j["providers"] = providers;
    j["schedule_kinds"] = kinds;
    j["types"] = types;
    if (args.json)
    {
        out << util::dumpJson(j, 2) << "\n";
        return kExitOk;
    }
    for (auto it = j.begin(); it != j.end(); ++it)
    {
        if (it->is_object())
        {
            out << it.key() << ":\n";
            for (auto m = it->begin(); m != it->end(); ++m)
                out << "  " << std::left << std::setw(28) << m.key() << " " << util::dumpJson(m.value()) << "\n";
        }
        else
            out << std::left << std::setw(16) << (it.key() + ":") << " " << (it->is_string() ? it->get<std::string>() : util::dumpJson(*it))
                << "\n";
    }
    return kExitOk;
}

int cmdQuery(const Arguments& args, std::ostream& out, std::ostream& err)
{
    Loaded loaded;
    int code = kExitOk;
    const Catalog* cat = loadForUse(args, loaded, err, code);
    if (!cat)
        return code;
    const QueryOptions& o = args.query;
    Query q;
    if (o.at)
    {
        auto t = parseInstant(*o.at, cat->zone, false);
        if (!t)
        {
            err << "mint-catalog: --at expects an RFC 3339 date and time or YYYY-MM-DD[THH:MM], got '" << *o.at << "'\n";
            return kExitUsage;
        }
        q.now = *t;
    }
    else
        q.now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    for (const auto& a : o.audiences)
        q.audienceMask |= 1u << static_cast<unsigned>(*parseAudience(a));
    q.subjects = o.subjects;
    q.age = o.age;
    q.grade = o.grade;
    q.freeOnly = o.freeOnly;
    if (o.mode)
        q.attendanceMode = parseAttendanceMode(*o.mode);
    q.near = o.near;
    q.radiusKm = o.radiusKm;
    if (o.text)
        q.text = *o.text;
    q.includePast = o.includePast;
    q.includeCancelled = o.includeCancelled;
    q.sort = o.sort == "distance" ? SortOrder::Distance : o.sort == "title" ? SortOrder::Title : SortOrder::Next;
    q.limit = o.limit;
    if (o.when)
    {
        const WhenPreset preset = *o.when == "today"      ? WhenPreset::Today
                                  : *o.when == "tomorrow" ? WhenPreset::Tomorrow
                                  : *o.when == "weekend"  ? WhenPreset::Weekend
                                                          : WhenPreset::Next7Days;
        q.window = windowFor(cat->zone, q.now, preset);
    }
    if (o.from || o.to)
    {
        TimeWindow w{q.now, INT64_MAX / 2};
        if (o.from)
        {
            auto t = parseInstant(*o.from, cat->zone, false);
            if (!t)
            {
                err << "mint-catalog: --from expects YYYY-MM-DD or an RFC 3339 date and time, got '" << *o.from << "'\n";
                return kExitUsage;
            }
            w.from = *t;
        }
        if (o.to)
        {
            auto t = parseInstant(*o.to, cat->zone, true);
            if (!t)
            {
                err << "mint-catalog: --to expects YYYY-MM-DD or an RFC 3339 date and time, got '" << *o.to << "'\n";
                return kExitUsage;
            }
            w.to = *t;
        }
        if (w.to <= w.from)
        {
            err << "mint-catalog: --to must be after --from\n";
            return kExitUsage;
        }
        q.window = w;
    }

    const QueryResult r = runQuery(*cat, q);
    const std::string lang = o.lang.empty() ? cat->region.defaultLanguage : o.lang;
    const std::string_view def = cat->defaultLanguage();
    if (args.json)
    {
        OrderedJson j;
        j["total"] = r.total;
        OrderedJson results = OrderedJson::array();
        for (const auto& item : r.items)
        {
            const Offer& offer = cat->offers[item.offer];
            OrderedJson e;
            e["id"] = std::string(offer.id);
            e["title"] = std::string(offer.title.get(lang, def));
            e["next_start"] = item.next ? OrderedJson(timeutil::formatRfc3339(cat->zone, item.next->start)) : OrderedJson();
            e["distance_km"] = item.distanceKm ? OrderedJson(std::round(*item.distanceKm * 100) / 100) : OrderedJson();
            results.push_back(std::move(e));
        }
        j["results"] = std::move(results);
        OrderedJson aud = OrderedJson::object(), sub = OrderedJson::object();
        for (std::size_t a = 0; a < kAudienceCount; ++a)
            aud[std::string(audienceKey(static_cast<Audience>(a)))] = r.audienceCounts[a];
        for (std::size_t s = 0; s < cat->subjectNames.size(); ++s)
            sub[std::string(cat->subjectNames[s])] = r.subjectCounts[s];
        j["facets"] = {{"audiences", aud}, {"subjects", sub}, {"free", r.freeCount}};
        out << util::dumpJson(j, 2) << "\n";
        return kExitOk;
    }
    for (const auto& item : r.items)
    {
        const Offer& offer = cat->offers[item.offer];
        std::ostringstream distance;
        if (item.distanceKm)
            distance << std::fixed << std::setprecision(1) << *item.distanceKm << " km";
        out << std::left << std::setw(26) << (item.next ? timeutil::formatRfc3339(cat->zone, item.next->start) : "-") << " " << std::setw(9)
            << distance.str() << " " << std::setw(14) << offer.id << " " << offer.title.get(lang, def) << "\n";
    }
    err << r.total << " offers" << (q.limit && r.total > q.limit ? " (" + std::to_string(q.limit) + " shown)" : "") << "\n";
    return kExitOk;
}

}  // namespace

int runCatalogCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    if (auto code = runSigningCommand(args, out, err))
        return *code;
    if (auto code = runImportCommand(args, out, err))
        return *code;
    if (auto code = runBuildCommand(args, out, err))
        return *code;
    if (auto code = runReportCommand(args, out, err))
        return *code;
    std::string error;
    auto parsed = parseArguments(args, error);
    if (!parsed)
    {
        err << "mint-catalog: " << error << "\n";
        return kExitUsage;
    }
    if (parsed->command == "help")
    {
        out << kHelp << "\nSigning (minisign keys and signatures, for feeds and map packages):\n"
            << kSigningHelp << "\nPublishing (from the files coordinators have to a feed):\n"
            << kImportHelp << "\n"
            << kBuildHelp << "\nOperations (usage figures for funders):\n"
            << kReportHelp;
        return kExitOk;
    }
    if (parsed->command == "version")
    {
        out << "mint-catalog " << MINT_VERSION << "\n";
        return kExitOk;
    }
    if (parsed->command == "validate")
        return cmdValidate(*parsed, out, err);
    if (parsed->command == "stats")
        return cmdStats(*parsed, out, err);
    return cmdQuery(*parsed, out, err);
}

}  // namespace mint::cli
