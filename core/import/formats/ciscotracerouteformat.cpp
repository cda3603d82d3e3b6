// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "import/importsupport.h"

namespace hopscope::formats {

namespace {

using namespace importsupport;

constexpr std::string_view kFormat = "Cisco traceroute";

// "Tracing the route to DESTINATION" or "... to NAME (ADDRESS)".
bool isHeader(const std::vector<std::string> &w)
{
    return w.size() >= 5 && w[0] == "Tracing" && w[1] == "the" && w[2] == "route" && w[3] == "to";
}

// IOS and IOS-XR print a hop as "TTL RESPONDER [AS n] [MPLS: Label n Exp n] RTT msec ..." with
// further responders of a TTL on indented lines of their own, and "*" for a lost probe.
class CiscoPaths final
{
public:
    Expected<std::vector<NetworkPath>> read(const ImportText &text)
    {
        int lineNumber = 0;
        for (std::string_view line : text.lines()) {
            ++lineNumber;
            const auto w = words(line);
            if (w.empty())
                continue;
            if (isHeader(w)) {
                if (auto problem = finish(lineNumber))
                    return *problem;
                start(w);
                continue;
            }
            if (!m_builder || w[0] == "VRF" || w[0] == "Type")
                continue;
            std::size_t first = 0;
            if (const auto ttl = wholeNumber(w[0])) {
                if (*ttl < 1 || *ttl > kMaxImportedTtl || *ttl <= m_ttl)
                    return lineError(kFormat, lineNumber,
                                     "TTL " + w[0] + " is out of order or out of 1 to 255");
                m_ttl = *ttl;
                m_responder.clear();
                first = 1;
            } else if (m_ttl == 0) {
                return lineError(kFormat, lineNumber, "expected a TTL, found '" + w[0] + "'");
            }
            if (auto problem = readProbes(w, first, lineNumber))
                return *problem;
        }
        if (auto problem = finish(lineNumber))
            return *problem;
        if (m_paths.empty())
            return Error{ErrorCode::InvalidImport,
                         "Cisco traceroute: no 'Tracing the route to' line"};
        return std::move(m_paths);
    }

private:
    void start(const std::vector<std::string> &w)
    {
        m_builder.emplace(Protocol::Udp); // IOS traces with UDP
        m_ttl = 0;
        NetworkPath &path = m_builder->path();
        path.destination.hostname = w[4];
        path.destination.ipAddress =
            w.size() > 5 && !parenthesised(w[5]).empty() ? parenthesised(w[5]) : w[4];
    }

    std::optional<Error> readProbes(const std::vector<std::string> &w, std::size_t first,
                                    int lineNumber)
    {
        for (std::size_t i = first; i < w.size(); ++i) {
            const std::string &word = w[i];
            if (word == "*") {
                m_builder->addTimeout(m_ttl);
                continue;
            }
            if (word.front() == '[') { // "[AS 3356]", "[MPLS: Labels 577687/617891 Exp 0]"
                std::vector<std::string> inside;
                while (i < w.size()) {
                    inside.push_back(w[i]);
                    if (w[i].back() == ']')
                        break;
                    ++i;
                }
                readAnnotation(inside);
                continue;
            }
            if (const auto rtt = number(word); rtt && i + 1 < w.size() && w[i + 1] == "msec") {
                if (m_responder.empty())
                    return lineError(kFormat, lineNumber, "a round trip before any address");
                ++i;
                std::optional<int> type;
                std::optional<int> code;
                if (i + 1 < w.size())
                    if ((code = unreachableCode(w[i + 1]))) {
                        type = 3;
                        ++i;
                    }
                m_builder->addReply(m_ttl, m_responder, *rtt, type, code);
                continue;
            }
            if (i + 1 < w.size() && !parenthesised(w[i + 1]).empty()) {
                const auto address = addressAsWritten(parenthesised(w[i + 1]));
                if (!address)
                    return lineError(kFormat, lineNumber,
                                     "'" + parenthesised(w[i + 1]) + "' is not an IP address");
                m_responder = *address;
                m_builder->nameResponder(*address, word);
                ++i;
            } else if (const auto address = addressAsWritten(word)) {
                m_responder = *address;
            } else if (!unreachableCode(word) && word != "?" && word != "Q" && word != "U") {
                return lineError(kFormat, lineNumber,
                                 "expected an address, a round trip or '*', found '" + word + "'");
            }
        }
        return std::nullopt;
    }

    // An annotation of the responder before it, its words with the brackets.
    void readAnnotation(std::vector<std::string> inside)
    {
        if (m_responder.empty() || inside.size() < 2)
            return;
        inside.front().erase(0, 1);
        inside.back().pop_back();
        if (inside[0] == "AS") {
            if (const auto asn = wholeNumber(inside[1]); asn && *asn >= 0)
                m_builder->describeResponder(m_ttl, m_responder, {},
                                             static_cast<std::uint32_t>(*asn));
            return;
        }
        if (inside[0] != "MPLS:" || inside.size() < 3)
            return;
        std::vector<MplsLabel> stack;
        std::string_view labels = inside[2];
        int exp = 0;
        for (std::size_t i = 3; i + 1 < inside.size(); ++i)
            if (inside[i] == "Exp")
                exp = wholeNumber(inside[i + 1]).value_or(0) & 7;
        while (!labels.empty()) {
            const auto slash = labels.find('/');
            const auto value = wholeNumber(labels.substr(0, slash));
            if (!value || *value < 0 || *value > 1'048'575)
                return;
            stack.push_back({static_cast<std::uint32_t>(*value), exp, false, 0});
            labels =
                slash == std::string_view::npos ? std::string_view() : labels.substr(slash + 1);
        }
        if (!stack.empty())
            stack.back().bottomOfStack = true;
        m_builder->describeResponder(m_ttl, m_responder, stack);
    }

    std::optional<Error> finish(int lineNumber)
    {
        if (!m_builder)
            return std::nullopt;
        if (m_builder->highestTtl() == 0)
            return lineError(kFormat, lineNumber, "a trace without a single hop");
        m_paths.push_back(m_builder->build());
        m_builder.reset();
        return std::nullopt;
    }

    std::vector<NetworkPath> m_paths;
    std::optional<ProbePathBuilder> m_builder;
    int m_ttl = 0;
    std::string m_responder;
};

class CiscoTracerouteFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "cisco"; }
    std::string_view description() const override { return "Cisco IOS or IOS-XR traceroute"; }
    int recognise(const ImportText &text) const override
    {
        for (std::string_view line : text.lines())
            if (isHeader(words(line)))
                return 85;
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return CiscoPaths().read(text);
    }
};

} // namespace

std::unique_ptr<PathFormat> ciscoTraceroute()
{
    return std::make_unique<CiscoTracerouteFormat>();
}

} // namespace hopscope::formats
