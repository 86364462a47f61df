// mint-catalog import; see import_cli.hpp.
#include "import_cli.hpp"

#include "catalog/feed_parser.hpp"
#include "cli_args.hpp"
#include "net/http_client.hpp"
#include "publish/csv_import.hpp"
#include "publish/ical_import.hpp"
#include "publish/rpde_import.hpp"
#include "util/fs_util.hpp"
#include "util/json_text.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <ostream>

namespace mint::cli
{

const char* const kImportHelp = R"(  mint-catalog import SOURCE... --out FEED.json [--mapping FILE] [--json]

import    Turns spreadsheets (CSV with the columns of assets/templates/angebote.csv,
          ';' or ',', UTF-8 or Windows-1252), calendars (.ics: each event one offer,
          weekly series as rules, EXDATE and cancelled instances as except dates) and
          OpenActive RPDE feeds (URLs or saved pages; a SessionSeries and a
          ScheduledSession feed given together join by superEvent) into one feed v1.
          --mapping FILE gives what the sources after it do not say themselves
          (provider, default place, subjects, audiences, licence, renamed columns;
          docs/publishing.md). Every problem is printed as "file, Zeile N, Spalte X:
          ..."; a row with an error is left out, the rest is imported.
          Exit 0 all rows imported, 1 rows left out, 2 nothing to import.
)";

publish::PageFetcher pageFetcher(net::HttpClient& http)
{
    return [&http](const std::string& where, std::string& body, std::string& why)
    {
        if (where.rfind("http://", 0) != 0 && where.rfind("https://", 0) != 0)
            return util::readWholeFile(where, body, why);
        net::HttpRequest request;
        request.url = where;
        request.userAgent = std::string("mint-catalog/") + MINT_VERSION;
        const net::HttpResponse response = http.get(request);
        if (!response.ok())
        {
            why = response.errorText.empty() ? net::transportErrorKey(response.error) : response.errorText;
            return false;
        }
        if (response.status != 200)
        {
            why = "HTTP " + std::to_string(response.status);
            return false;
        }
        body = response.body;
        return true;
    };
}

void SourceArgs::addSource(const std::string& source)
{
    sources.push_back(source);
    mappingIndex.push_back(static_cast<int>(mappingPaths.size()) - 1);
}

bool SourceArgs::loadMappings(std::string& error)
{
    for (const auto& path : mappingPaths)
    {
        std::string text;
        publish::ImportMapping m;
        if (!util::readWholeFile(path, text, error) || !publish::parseMapping(text, m, error))
        {
            error = path + ": " + error;
            return false;
        }
        mappings.push_back(std::move(m));
    }
    for (int& i : mappingIndex)
        if (i < 0 && !mappings.empty())
            i = 0;
    return true;
}

const publish::ImportMapping& SourceArgs::mappingFor(std::size_t source) const
{
    static const publish::ImportMapping none;
    const int i = source < mappingIndex.size() ? mappingIndex[source] : -1;
    return i >= 0 && static_cast<std::size_t>(i) < mappings.size() ? mappings[static_cast<std::size_t>(i)] : none;
}

std::string SourceArgs::license() const
{
    for (const auto& m : mappings)
        if (!m.license.empty())
            return m.license;
    return {};
}

bool importSources(const SourceArgs& args, std::vector<publish::ImportResult>& parts, std::ostream& err)
{
    std::vector<std::string> rpdeStarts;
    std::size_t rpdeSource = 0;
    std::string error;
    for (std::size_t index = 0; index < args.sources.size(); ++index)
    {
        const std::string& source = args.sources[index];
        const publish::ImportMapping& mapping = args.mappingFor(index);
        if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0)
        {
            if (rpdeStarts.empty())
                rpdeSource = index;
            rpdeStarts.push_back(source);  // OpenActive RPDE feeds are read together (series + sessions)
            continue;
        }
        std::string bytes;
        const std::string name = std::filesystem::path(source).filename().string();
        if (!util::readWholeFile(source, bytes, error))
        {
            err << "mint-catalog: " << error << "\n";
            return false;
        }
        const std::string ext = std::filesystem::path(source).extension().string();
        publish::ImportResult part;
        if (ext == ".json" && publish::looksLikeRpde(bytes))
        {
            if (rpdeStarts.empty())
                rpdeSource = index;
            rpdeStarts.push_back(source);
            continue;
        }
        if (ext == ".ics" || bytes.find("BEGIN:VCALENDAR") < 64)
            part = publish::importIcal(name, bytes, mapping);
        else
            part = publish::importCsv(name, bytes, mapping);
        part.sourceDir = std::filesystem::absolute(source).parent_path().string();
        part.source = name;
        parts.push_back(std::move(part));
    }
    if (!rpdeStarts.empty())
    {
        net::initHttpGlobal();
        net::HttpClient http;
        parts.push_back(publish::importRpde(rpdeStarts, pageFetcher(http), args.mappingFor(rpdeSource)));
        parts.back().source = rpdeStarts.front();
    }
    return true;
}

std::string utcNow()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<int> runImportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    if (args.empty() || args[0] != "import")
        return std::nullopt;
    SourceArgs sources;
    std::string outPath, mappingPath, error;
    bool json = false;
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        if (a == "--out" || a == "--mapping")
        {
            if (!optionValue(args, i, a == "--out" ? outPath : mappingPath, error))
            {
                err << "mint-catalog import: " << error << "\n";
                return 2;
            }
            if (a == "--mapping")
                sources.addMapping(mappingPath);
        }
        else if (a == "--json")
            json = true;
        else if (!a.empty() && a[0] == '-')
        {
            err << "mint-catalog import: unknown option " << a << "\n";
            return 2;
        }
        else
            sources.addSource(a);
    }
    if (sources.sources.empty() || outPath.empty())
    {
        err << "mint-catalog import: give at least one SOURCE and --out FEED.json\n";
        return 2;
    }
    if (!sources.loadMappings(error))
    {
        err << "mint-catalog import: " << error << "\n";
        return 2;
    }

    std::vector<publish::ImportResult> parts;
    if (!importSources(sources, parts, err))
        return 2;
    std::size_t rows = 0, leftOut = 0, offers = 0;
    for (const auto& part : parts)
    {
        rows += part.rowsRead;
        leftOut += part.rowsLeftOut;
        offers += part.offers.size();
    }
    std::string license = sources.license();
    for (const auto& part : parts)
        if (license.empty())
            license = part.license;
    const auto feed = publish::feedDocument(parts, license, utcNow());
    const std::string text = util::dumpJson(feed, 2) + "\n";

    // The result is checked as a kiosk would read it.
    catalog::LoadResult check = catalog::loadCatalog(text);
    std::size_t feedErrors = check.accepted() ? check.count(catalog::Severity::Error) : 1;

    if (offers > 0 && !util::writeFileAtomic(outPath, text, error))
    {
        err << "mint-catalog import: " << error << "\n";
        return 2;
    }
    if (json)
    {
        nlohmann::ordered_json report;
        report["out"] = offers > 0 ? outPath : "";
        report["rows"] = rows;
        report["offers"] = offers;
        report["rows_left_out"] = leftOut;
        report["problems"] = nlohmann::ordered_json::array();
        for (const auto& part : parts)
            for (const auto& p : part.problems)
                report["problems"].push_back(p.toJson());
        for (const auto& issue : check.issues)
            report["feed_issues"].push_back(issue.toString());
        out << util::dumpJson(report) << "\n";
    }
    else
    {
        for (const auto& part : parts)
            for (const auto& p : part.problems)
                out << p.toString() << "\n";
        for (const auto& issue : check.issues)
            if (issue.severity != catalog::Severity::Warning)
                out << outPath << ": " << issue.toString() << "\n";
        out << rows << " Zeilen gelesen, " << offers << " Angebote übernommen";
        if (leftOut)
            out << ", " << leftOut << " Zeilen ausgelassen (siehe oben)";
        out << (offers > 0 ? " -> " + outPath : std::string(" (keine Datei geschrieben)")) << "\n";
    }
    if (offers == 0)
        return 2;
    return leftOut > 0 || feedErrors > 0 ? 1 : 0;
}

}  // namespace mint::cli
