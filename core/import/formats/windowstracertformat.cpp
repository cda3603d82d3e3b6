// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "import/importsupport.h"

namespace hopscope::formats {

namespace {

using namespace importsupport;

constexpr std::string_view kFormat = "tracert";

// "[ADDRESS]" or "ADDRESS" (with a trailing ":" in some languages) as the address it names.
std::optional<std::string> bracketedAddress(std::string word)
{
    while (!word.empty() && (word.back() == ':' || word.back() == ','))
        word.pop_back();
    if (word.size() > 2 && word.front() == '[' && word.back() == ']')
        word = word.substr(1, word.size() - 2);
    return addressAsWritten(word);
}

// A probe column of a hop line: "12 ms", "<1 ms" or "*". Returns how many words it took.
std::size_t probeColumn(const std::vector<std::string> &w, std::size_t i,
                        std::optional<double> &rtt, bool &lost)
{
    lost = false;
    rtt.reset();
    if (i >= w.size())
        return 0;
    if (w[i] == "*") {
        lost = true;
        return 1;
    }
    std::string_view figure = w[i];
    if (!figure.empty() && figure.front() == '<')
        figure.remove_prefix(1); // "<1 ms": under a millisecond, taken as the bound
    if (i + 1 < w.size() && w[i + 1] == "ms")
        if ((rtt = number(figure)))
            return 2;
    if (figure.size() > 2 && figure.substr(figure.size() - 2) == "ms")
        if ((rtt = number(figure.substr(0, figure.size() - 2))))
            return 1;
    return 0;
}

// A hop line: the TTL, then three probe columns, then the responder or a message such as
// "Request timed out." in the system's language.
bool isHopLine(const std::vector<std::string> &w)
{
    if (w.size() < 4 || !wholeNumber(w[0]))
        return false;
    std::size_t i = 1;
    for (int column = 0; column < 3; ++column) {
        std::optional<double> rtt;
        bool lost = false;
        const std::size_t used = probeColumn(w, i, rtt, lost);
        if (used == 0)
            return false;
        i += used;
    }
    return true;
}

class WindowsTracertFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "tracert"; }
    std::string_view description() const override { return "Windows tracert"; }
    int recognise(const ImportText &text) const override
    {
        int hops = 0;
        for (std::string_view line : text.lines())
            if (isHopLine(words(line)))
                ++hops;
        return hops > 0 && header(text) ? 75 : 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        ProbePathBuilder builder(Protocol::Icmp);
        const auto target = header(text);
        if (!target)
            return Error{ErrorCode::InvalidImport,
                         "tracert: no 'Tracing route to NAME [ADDRESS]' line (in any language)"};
        builder.path().destination.hostname = target->first;
        builder.path().destination.ipAddress = target->second;
        int lineNumber = 0;
        int lastTtl = 0;
        for (std::string_view line : text.lines()) {
            ++lineNumber;
            const auto w = words(line);
            if (!isHopLine(w))
                continue;
            const int ttl = *wholeNumber(w[0]);
            if (ttl < 1 || ttl > kMaxImportedTtl || ttl <= lastTtl)
                return lineError(kFormat, lineNumber,
                                 "TTL " + w[0] + " is out of order or out of 1 to 255");
            lastTtl = ttl;
            std::vector<std::optional<double>> columns;
            std::size_t i = 1;
            for (int column = 0; column < 3; ++column) {
                std::optional<double> rtt;
                bool lost = false;
                i += probeColumn(w, i, rtt, lost);
                columns.push_back(rtt);
            }
            // The rest names the responder ("NAME [ADDRESS]" or "ADDRESS") or says that nothing
            // answered.
            std::optional<std::string> responder;
            std::string name;
            if (i < w.size()) {
                if (i + 1 < w.size() && bracketedAddress(w[i + 1]) && w[i + 1].front() == '[') {
                    responder = bracketedAddress(w[i + 1]);
                    name = w[i];
                } else {
                    responder = bracketedAddress(w[i]);
                }
            }
            for (const auto &rtt : columns) {
                if (rtt && !responder)
                    return lineError(kFormat, lineNumber,
                                     "a round trip without an address after it");
                if (rtt)
                    builder.addReply(ttl, *responder, rtt);
                else if (responder)
                    builder.addReply(ttl, *responder, std::nullopt); // answered, time not shown
                else
                    builder.addTimeout(ttl);
            }
            if (responder && !name.empty())
                builder.nameResponder(*responder, name);
        }
        if (builder.highestTtl() == 0)
            return Error{ErrorCode::InvalidImport, "tracert: no hop lines"};
        return std::vector<NetworkPath>{builder.build()};
    }

private:
    // The target from the lines before the hops: "NAME [ADDRESS]" as in "Tracing route to NAME
    // [ADDRESS]" or "Routenverfolgung zu NAME [ADDRESS] über ...", else the first address named
    // ("Tracing route to 192.0.2.1 over a maximum of 30 hops", or the command before it).
    static std::optional<std::pair<std::string, std::string>> header(const ImportText &text)
    {
        std::optional<std::string> firstAddress;
        for (std::string_view line : text.lines()) {
            const auto w = words(line);
            if (isHopLine(w))
                break;
            for (std::size_t i = 0; i < w.size(); ++i) {
                if (i > 0 && w[i].front() == '[')
                    if (const auto address = bracketedAddress(w[i]))
                        return std::pair{w[i - 1], *address};
                if (!firstAddress && w[i].front() != '[')
                    firstAddress = bracketedAddress(w[i]);
            }
        }
        if (firstAddress)
            return std::pair{*firstAddress, *firstAddress};
        return std::nullopt;
    }
};

} // namespace

std::unique_ptr<PathFormat> windowsTracert()
{
    return std::make_unique<WindowsTracertFormat>();
}

} // namespace hopscope::formats
