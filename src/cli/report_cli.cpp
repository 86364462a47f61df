// mint-catalog report; see report_cli.hpp.
#include "report_cli.hpp"

#include "cli_args.hpp"
#include "publish/usage_merge.hpp"
#include "util/fs_util.hpp"

#include <filesystem>
#include <ostream>

namespace mint::cli
{

const char* const kReportHelp = R"(  mint-catalog report FILE... [--out FILE.csv] [--svg FILE.svg] [--title TEXT]

report    Merges the usage counts of many kiosks (the CSV of mint-kiosk --export-stats,
          named after the kiosk, or the JSON a kiosk sends to monitoring.stats_url, one
          report or one per line) into one table per month, per kiosk and in total:
          month,kiosk,sessions,detail_views,qr_shown,nothing_found (to --out, else
          standard output). --svg also draws the sessions per month as a bar chart.
          A day found in several files counts once. Exit 0 written, 1 a file is not
          usage counts (nothing written), 2 usage or I/O error.
)";

std::optional<int> runReportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    if (args.empty() || args[0] != "report")
        return std::nullopt;
    std::vector<std::string> files;
    std::string csvPath, svgPath, title = "Besuche pro Monat / sessions per month", error;
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        if (a == "--out" || a == "--svg" || a == "--title")
        {
            std::string& target = a == "--out" ? csvPath : a == "--svg" ? svgPath : title;
            if (!optionValue(args, i, target, error))
            {
                err << "mint-catalog report: " << error << "\n";
                return 2;
            }
        }
        else if (a.rfind("--", 0) == 0)
        {
            err << "mint-catalog report: unknown option " << a << " (see mint-catalog --help)\n";
            return 2;
        }
        else
            files.push_back(a);
    }
    if (files.empty())
    {
        err << "mint-catalog report: which files? (mint-catalog report kiosk-a.csv kiosk-b.json ...)\n";
        return 2;
    }
    publish::UsageMerge merge;
    for (const std::string& file : files)
    {
        std::string text;
        if (!util::readWholeFile(file, text, error))
        {
            err << "mint-catalog report: " << error << "\n";
            return 2;
        }
        // A kiosk's export is named after it: "foyer-gymnasium.csv" is the kiosk "foyer-gymnasium".
        if (!merge.add(text, std::filesystem::path(file).stem().string(), error))
        {
            err << "mint-catalog report: " << file << ": " << error << "\n";
            return 1;
        }
    }
    const std::string csv = merge.csv();
    if (csvPath.empty())
        out << csv;
    else if (!util::writeFileAtomic(csvPath, csv, error, false))
    {
        err << "mint-catalog report: " << error << "\n";
        return 2;
    }
    if (!svgPath.empty() && !util::writeFileAtomic(svgPath, merge.svg(title), error, false))
    {
        err << "mint-catalog report: " << error << "\n";
        return 2;
    }
    err << "mint-catalog report: " << merge.kiosks() << " kiosks, " << merge.days() << " kiosk days, " << merge.monthly().size()
        << " months\n";
    return 0;
}

}  // namespace mint::cli
