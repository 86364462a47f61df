// Script parsing; see script.hpp.
#include "script.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mint::app
{

std::optional<std::vector<ScriptCommand>> parseScript(const std::string& text, std::string& error)
{
    std::vector<ScriptCommand> out;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line))
    {
        ++number;
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream words(line);
        std::string verb;
        if (!(words >> verb))
            continue;
        std::string rest;
        std::getline(words, rest);
        while (!rest.empty() && rest.front() == ' ')
            rest.erase(rest.begin());
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r'))
            rest.pop_back();
        ScriptCommand c{ScriptCommand::Kind::Sync, rest, {}, number};
        std::istringstream nums(rest);
        float v = 0;
        std::vector<float> values;
        while (nums >> v)
            values.push_back(v);
        const bool allNumbers = nums.eof() && !values.empty();
        auto fail = [&](const std::string& what)
        {
            error = "line " + std::to_string(number) + ": " + what;
            return std::nullopt;
        };
        if (verb == "clock")
        {
            if (rest.empty())
                return fail("clock needs a date and time");
            c.kind = ScriptCommand::Kind::Clock;
        }
        else if (verb == "sync")
            c.kind = ScriptCommand::Kind::Sync;
        else if (verb == "tap")
        {
            if (rest.empty())
                return fail("tap needs a target or X Y");
            if (allNumbers && values.size() == 2)
            {
                c.kind = ScriptCommand::Kind::TapAt;
                c.numbers = values;
            }
            else
                c.kind = ScriptCommand::Kind::Tap;
        }
        else if (verb == "hold")
        {
            if (!allNumbers || values.size() != 3 || values[2] < 0)
                return fail("hold needs X Y SECONDS");
            c.kind = ScriptCommand::Kind::Hold;
            c.numbers = values;
        }
        else if (verb == "swipe")
        {
            c.kind = ScriptCommand::Kind::Swipe;
            std::istringstream words(rest);
            std::string target;
            words >> target;
            std::istringstream after(rest.substr(std::min(rest.size(), target.size())));
            std::vector<float> moved;
            while (after >> v)
                moved.push_back(v);
            const bool targetForm = !target.empty() && !std::isdigit(static_cast<unsigned char>(target[0])) && target[0] != '-' &&
                                    after.eof() && (moved.size() == 2 || moved.size() == 3);
            if (targetForm)
            {
                // swipe TARGET DX DY [SECONDS]: from the target's centre, by DX DY pixels.
                c.text = target;
                c.numbers = {0, 0, moved[0], moved[1], moved.size() == 3 ? moved[2] : 0.3f};
            }
            else
            {
                if (!allNumbers || (values.size() != 4 && values.size() != 5))
                    return fail("swipe needs X1 Y1 X2 Y2 [SECONDS] or TARGET DX DY [SECONDS]");
                c.text.clear();
                c.numbers = values;
                if (c.numbers.size() == 4)
                    c.numbers.push_back(0.3f);
            }
        }
        else if (verb == "wait")
        {
            if (!allNumbers || values.size() != 1 || values[0] < 0)
                return fail("wait needs SECONDS");
            c.kind = ScriptCommand::Kind::Wait;
            c.numbers = values;
        }
        else if (verb == "measure")
        {
            if (rest != "start" && rest.rfind("stop ", 0) != 0)
                return fail("measure start | measure stop NAME");
            c.kind = ScriptCommand::Kind::Measure;
        }
        else if (verb == "realtime")
        {
            if (!allNumbers || values.size() != 1 || values[0] < 0)
                return fail("realtime needs SECONDS");
            c.kind = ScriptCommand::Kind::Realtime;
            c.numbers = values;
        }
        else if (verb == "freeze")
        {
            if (!allNumbers || values.size() != 1 || values[0] < 0)
                return fail("freeze needs SECONDS");
            c.kind = ScriptCommand::Kind::Freeze;
            c.numbers = values;
        }
        else if (verb == "type")
            c.kind = ScriptCommand::Kind::Type;
        else if (verb == "screenshot" || verb == "dump")
        {
            if (rest.empty() || rest.find_first_of("/\\ ") != std::string::npos)
                return fail(verb + " needs a plain NAME");
            c.kind = verb == "dump" ? ScriptCommand::Kind::Dump : ScriptCommand::Kind::Screenshot;
        }
        else
            return fail("unknown command '" + verb + "'");
        out.push_back(c);
    }
    return out;
}

}  // namespace mint::app
