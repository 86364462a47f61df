// Runs a built program as a test would from a shell: arguments, optional standard input,
// captured stdout/stderr and the exit code.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace mint::test
{

struct Run
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline std::string shellQuote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::filesystem::path processScratch()
{
    static const std::filesystem::path dir = []
    {
        auto d = std::filesystem::temp_directory_path() / ("mint-run-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

inline std::string slurp(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline Run runProgram(const std::string& exe, const std::vector<std::string>& args, const std::string& input = "",
                      const std::string& cwd = "")
{
    std::string cmd = cwd.empty() ? "" : "cd " + shellQuote(cwd) + " && ";
    cmd += shellQuote(exe);
    for (const auto& a : args)
        cmd += " " + shellQuote(a);
    const auto dir = processScratch();
    const auto in = dir / "stdin.txt", out = dir / "stdout.txt", err = dir / "stderr.txt";
    std::ofstream(in, std::ios::binary) << input;
    cmd += " <" + shellQuote(in.string()) + " >" + shellQuote(out.string()) + " 2>" + shellQuote(err.string());
    const int status = std::system(cmd.c_str());
    Run r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

inline std::string writeScratch(const std::string& name, const std::string& content)
{
    const auto p = processScratch() / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
}

}  // namespace mint::test
