// mint-catalog build; see build_cli.hpp and docs/publishing.md.
#include "build_cli.hpp"

#include "catalog/feed_parser.hpp"
#include "catalog/gzip.hpp"
#include "cli_args.hpp"
#include "import_cli.hpp"
#include "net/http_client.hpp"
#include "publish/phone_pages.hpp"
#include "publish/pictures.hpp"
#include "publish/release.hpp"
#include "trust/minisign.hpp"
#include "util/fs_util.hpp"
#include "util/json_text.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>

namespace mint::cli
{

const char* const kBuildHelp = R"(  mint-catalog build SOURCE... --out DIR [--key BASE.key] [--mapping FILE]
                     [--base-url URL] [--max-edge PIXELS] [--check] [--json]

build     Imports every SOURCE (like import) and writes a release into DIR: feed.json
          and feed.json.gz, signed with --key (feed.json.minisig), pictures checked,
          scaled to --max-edge (default 1280) and stored by content in images/, a phone
          page and a calendar file per offer (o/ID.html, o/ID.ics) and index.html.
          The sequence is one higher than DIR's last release, offers keep their ids,
          offers that disappeared become tombstones. --base-url is where DIR will be
          served (https://.../): kiosks then link offers without a web page of their own
          to their phone page. --check only reports. Exit 0 written, 1 errors (nothing
          written), 2 usage or I/O error.
)";

std::optional<int> runBuildCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    if (args.empty() || args[0] != "build")
        return std::nullopt;
    SourceArgs sources;
    std::string dir, keyPath, mappingPath, baseUrl, maxEdgeText, error;
    bool check = false, json = false;
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        if (a == "--out" || a == "--key" || a == "--mapping" || a == "--base-url" || a == "--max-edge")
        {
            std::string& target = a == "--out"        ? dir
                                  : a == "--key"      ? keyPath
                                  : a == "--mapping"  ? mappingPath
                                  : a == "--base-url" ? baseUrl
                                                      : maxEdgeText;
            if (!optionValue(args, i, target, error))
            {
                err << "mint-catalog build: " << error << "\n";
                return 2;
            }
            if (a == "--mapping")
                sources.addMapping(mappingPath);
        }
        else if (a == "--check")
            check = true;
        else if (a == "--json")
            json = true;
        else if (!a.empty() && a[0] == '-')
        {
            err << "mint-catalog build: unknown option " << a << "\n";
            return 2;
        }
        else
            sources.addSource(a);
    }
    if (sources.sources.empty() || dir.empty())
    {
        err << "mint-catalog build: give at least one SOURCE and --out DIR\n";
        return 2;
    }
    publish::PictureOptions pictureOptions;
    pictureOptions.outDir = dir;
    pictureOptions.write = !check;
    if (!maxEdgeText.empty())
    {
        char* end = nullptr;
        const long v = std::strtol(maxEdgeText.c_str(), &end, 10);
        if (!end || *end || v < 64 || v > 8192)
        {
            err << "mint-catalog build: --max-edge must be a number of pixels from 64 to 8192\n";
            return 2;
        }
        pictureOptions.maxEdge = static_cast<int>(v);
    }
    if (!baseUrl.empty() && baseUrl.rfind("https://", 0) != 0 && baseUrl.rfind("http://", 0) != 0)
    {
        err << "mint-catalog build: --base-url must be an http(s) URL\n";
        return 2;
    }
    std::optional<trust::SecretKey> key;
    if (!keyPath.empty())
    {
        std::string keyText;
        if (!util::readWholeFile(keyPath, keyText, error) || !(key = trust::parseSecretKey(keyText, error)))
        {
            err << "mint-catalog build: " << keyPath << ": " << error << "\n";
            return 2;
        }
    }
    if (!sources.loadMappings(error))
    {
        err << "mint-catalog build: " << error << "\n";
        return 2;
    }

    const auto started = std::chrono::steady_clock::now();
    std::vector<publish::ImportResult> parts;
    if (!importSources(sources, parts, err))
        return 2;
    net::initHttpGlobal();
    net::HttpClient http;
    const auto fetch = pageFetcher(http);
    std::map<std::string, std::string> pictureCache;
    publish::PictureStats pictures;
    for (auto& part : parts)
        publish::processPictures(part, part.sourceDir, pictureOptions, fetch, pictureCache, pictures);

    nlohmann::ordered_json previous;
    const std::string feedPath = (std::filesystem::path(dir) / "feed.json").string();
    if (std::string before; std::filesystem::exists(feedPath) && util::readWholeFile(feedPath, before, error))
        previous = nlohmann::ordered_json::parse(before, nullptr, false);
    std::string license = sources.license();
    for (const auto& part : parts)
        if (license.empty())
            license = part.license;
    std::vector<publish::ImportProblem> problems;
    for (const auto& part : parts)
        problems.insert(problems.end(), part.problems.begin(), part.problems.end());
    publish::ReleaseSummary summary;
    const std::string generatedAt = utcNow();
    auto feed =
        publish::makeRelease(parts, previous.is_discarded() ? nlohmann::ordered_json() : previous, license, generatedAt, summary, problems);
    if (!baseUrl.empty())
        feed["phone_pages"] = baseUrl.back() == '/' ? baseUrl : baseUrl + "/";
    const std::string text = util::dumpJson(feed, 1) + "\n";

    // Checked as a kiosk reads it; errors stop the release.
    const catalog::LoadResult loaded = catalog::loadCatalog(text);
    std::size_t errors = 0;
    for (const auto& p : problems)
        errors += p.error ? 1 : 0;
    const std::size_t feedErrors = loaded.accepted() ? loaded.count(catalog::Severity::Error) : 1;
    const bool ok = errors == 0 && feedErrors == 0 && summary.offers > 0;

    publish::PhonePageStats pages;
    std::string signedBy;
    if (ok && !check)
    {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        const std::string gz = catalog::gzipCompress(text);
        bool written = util::writeFileAtomic(feedPath, text, error) && util::writeFileAtomic(feedPath + ".gz", gz, error);
        if (written && key)
        {
            const std::string comment = "sequence:" + std::to_string(summary.sequence) + "\tfile:feed.json\tgenerated_at:" + generatedAt;
            written = util::writeFileAtomic(feedPath + ".minisig", trust::sign(text, *key, comment), error);
            signedBy = trust::PublicKey{key->keyId, {}}.idHex();
        }
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        if (written)
            written = publish::writePhonePages(*loaded.catalog, now, dir, pages, error);
        if (!written)
        {
            err << "mint-catalog build: " << error << "\n";
            return 2;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (json)
    {
        nlohmann::ordered_json report;
        report["ok"] = ok;
        report["written"] = ok && !check;
        report["sequence"] = summary.sequence;
        report["offers"] = summary.offers;
        report["added"] = summary.added;
        report["changed"] = summary.changed;
        report["removed"] = summary.removed;
        report["pictures"] = pictures.pictures;
        report["picture_files"] = pictures.stored;
        report["pictures_dropped"] = pictures.failed;
        report["phone_pages"] = pages.pages;
        report["signed_by"] = signedBy;
        report["seconds"] = seconds;
        report["problems"] = nlohmann::ordered_json::array();
        for (const auto& p : problems)
            report["problems"].push_back(p.toJson());
        for (const auto& issue : loaded.issues)
            report["feed_issues"].push_back(issue.toString());
        out << util::dumpJson(report) << "\n";
    }
    else
    {
        for (const auto& p : problems)
            out << p.toString() << "\n";
        for (const auto& issue : loaded.issues)
            if (issue.severity != catalog::Severity::Warning)
                out << "feed.json: " << issue.toString() << "\n";
        out << (check ? "Prüfung: " : "") << "Ausgabe " << summary.sequence << ": " << summary.offers << " Angebote (" << summary.added
            << " neu, " << summary.changed << " geändert, " << summary.removed << " entfernt), " << pictures.pictures << " Bilder in "
            << pictures.stored << " Dateien";
        if (pictures.failed)
            out << " (" << pictures.failed << " weggelassen)";
        if (ok && !check)
            out << ", " << pages.pages << " Handyseiten -> " << feedPath
                << (signedBy.empty() ? " (nicht signiert)" : ", signiert mit Schlüssel " + signedBy);
        else if (!ok)
            out << "; wegen der Fehler oben wurde nichts geschrieben";
        out << "\n";
    }
    return ok ? 0 : 1;
}

}  // namespace mint::cli
