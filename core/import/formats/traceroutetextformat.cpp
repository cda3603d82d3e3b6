// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "import/importsupport.h"

namespace hopscope::formats {

namespace {

using namespace importsupport;

constexpr std::string_view kFormat = "traceroute";

// The line that starts a trace:
//   traceroute to HOST (ADDRESS), 30 hops max, 60 byte packets         (Linux, BSD,
//   traceroute6 to HOST (ADDRESS) from SOURCE, 64 hops max, ...          macOS, FortiOS, Junos)
//   Tracing the path to HOST (ADDRESS) on TCP port 80 (www), 30 hops max (tcptraceroute)
bool isHeader(const std::vector<std::string> &w)
{
    return (w.size() >= 3 && (w[0] == "traceroute" || w[0] == "traceroute6") && w[1] == "to") ||
           (w.size() >= 5 && w[0] == "Tracing" && w[1] == "the" && w[2] == "path" && w[3] == "to");
}

// Words that annotate a responder and say nothing about a probe's fate: AS numbers ("[AS1739]",
// "[*]"), MPLS label stacks ("<MPLS:L=...>"), tcptraceroute's "[open]" and "[closed]".
bool isAnnotation(const std::string &word)
{
    return (word.size() > 2 && word.front() == '[' && word.back() == ']') ||
           (word.size() > 2 && word.front() == '<' && word.back() == '>');
}

// "ADDRESS ...", "NAME (ADDRESS) ..." or either after annotations ("[AS0] 192.0.2.1 ...").
bool startsWithResponder(const std::vector<std::string> &w)
{
    std::size_t i = 0;
    while (i < w.size() && isAnnotation(w[i]))
        ++i;
    if (i >= w.size())
        return false;
    return addressAsWritten(w[i]) ||
           (i + 1 < w.size() && addressAsWritten(parenthesised(w[i + 1])));
}

class TraceroutePaths final
{
public:
    Expected<std::vector<NetworkPath>> read(const ImportText &text)
    {
        int lineNumber = 0;
        for (std::string_view line : text.lines()) {
            ++lineNumber;
            if (auto problem = readLine(line, lineNumber))
                return *problem;
        }
        if (auto problem = finish(lineNumber))
            return *problem;
        if (m_paths.empty())
            return Error{ErrorCode::InvalidImport,
                         "traceroute: no 'traceroute to' or 'Tracing the path to' line"};
        return std::move(m_paths);
    }

private:
    std::optional<Error> readLine(std::string_view line, int lineNumber)
    {
        const auto w = words(line);
        if (w.empty())
            return std::nullopt;
        if (isHeader(w)) {
            if (auto problem = finish(lineNumber))
                return problem;
            startTrace(w);
            return std::nullopt;
        }
        if (!m_builder)
            return std::nullopt; // a prompt, a command or a warning before the trace
        if (w[0] == "MPLS") {
            readJunosLabel(w);
            return std::nullopt;
        }
        if (w[0] == "Selected")
            return std::nullopt; // tcptraceroute's device line
        if (const auto ttl = wholeNumber(w[0])) {
            if (*ttl < 1 || *ttl > kMaxImportedTtl || *ttl <= m_lastTtl)
                return lineError(kFormat, lineNumber,
                                 "TTL " + w[0] + " is out of order or out of 1 to 255");
            m_lastTtl = *ttl;
            m_responder.clear();
            return readProbes(w, 1, lineNumber);
        }
        // BSD and macOS list further responders of a TTL on indented lines of their own; other
        // indented lines are notes under a hop (tcptraceroute's "Detected DNAT to ...").
        const bool indented = line.substr(0, 1) == " " || line.substr(0, 1) == "\t";
        if (indented && m_lastTtl > 0)
            return startsWithResponder(w) ? readProbes(w, 0, lineNumber) : std::nullopt;
        if (m_lastTtl == 0)
            return lineError(kFormat, lineNumber,
                             "expected a hop line starting with its TTL, found '" + w[0] + "'");
        // Anything else (a shell prompt, the next command) ends the trace.
        return finish(lineNumber);
    }

    void startTrace(const std::vector<std::string> &w)
    {
        const bool tcptraceroute = w[0] == "Tracing";
        m_builder.emplace(tcptraceroute ? Protocol::Tcp : Protocol::Udp);
        m_lastTtl = 0;
        m_responder.clear();
        NetworkPath &path = m_builder->path();
        const std::size_t nameAt = tcptraceroute ? 4 : 2;
        path.destination.hostname = w[nameAt];
        std::size_t next = nameAt + 1;
        if (next < w.size() && !parenthesised(w[next]).empty()) {
            path.destination.ipAddress = parenthesised(w[next]);
            ++next;
        } else {
            std::string bare = w[nameAt];
            if (!bare.empty() && bare.back() == ',')
                bare.pop_back();
            path.destination.hostname = bare;
            path.destination.ipAddress = bare;
        }
        for (std::size_t i = next; i + 1 < w.size(); ++i) {
            if (w[i] == "from")
                path.source.hostname = parenthesised(w[i + 1]).empty() ? w[i + 1] : "";
            if (w[i + 1] == "hops" || w[i + 1].rfind("hops", 0) == 0)
                if (const auto hops = wholeNumber(w[i]); hops && *hops > 0 && *hops <= 255)
                    m_builder->request().maxTtl = *hops;
        }
        if (!path.source.hostname.empty() && path.source.hostname.back() == ',')
            path.source.hostname.pop_back();
        if (tcptraceroute)
            for (std::size_t i = next; i + 3 < w.size(); ++i)
                if (w[i] == "on" && w[i + 1] == "TCP" && w[i + 2] == "port")
                    if (const auto port = wholeNumber(w[i + 3]); port && *port > 0 && *port < 65536)
                        path.destination.port = static_cast<std::uint16_t>(*port);
    }

    // The words of a hop line from `first` on: responders ("ADDRESS" or "NAME (ADDRESS)"),
    // round trips ("1.234 ms", with "!H"-style annotations) and lost probes ("*").
    std::optional<Error> readProbes(const std::vector<std::string> &w, std::size_t first,
                                    int lineNumber)
    {
        int probes = 0;
        for (std::size_t i = first; i < w.size(); ++i) {
            const std::string &word = w[i];
            if (++probes > kMaxProbesPerTtl)
                return lineError(kFormat, lineNumber, "too many probes at one TTL");
            if (word == "*") {
                m_builder->addTimeout(m_lastTtl);
                continue;
            }
            if (isAnnotation(word)) {
                // "<MPLS:...>" follows its responder; "[ASn]" precedes it (BSD, -A) or follows.
                if (const auto labels = bracketedMplsLabels(word); labels && !m_responder.empty())
                    m_builder->describeResponder(m_lastTtl, m_responder, *labels);
                if (const auto asn = bracketedAsn(word)) {
                    const bool before =
                        i + 1 < w.size() && startsWithResponder(std::vector<std::string>(
                                                w.begin() + static_cast<long>(i) + 1, w.end()));
                    if (before || m_responder.empty())
                        m_pendingAsn = asn;
                    else
                        m_builder->describeResponder(m_lastTtl, m_responder, {}, asn);
                }
                continue;
            }
            if (const auto rtt = number(word); rtt && i + 1 < w.size() && w[i + 1] == "ms") {
                if (m_responder.empty())
                    return lineError(kFormat, lineNumber, "a round trip before any address");
                std::optional<int> icmpType;
                std::optional<int> code;
                ++i; // "ms"
                if (i + 1 < w.size())
                    if ((code = unreachableCode(w[i + 1]))) {
                        icmpType = m_responder.find(':') == std::string::npos ? 3 : 1;
                        ++i;
                    }
                m_builder->addReply(m_lastTtl, m_responder, *rtt, icmpType, code);
                continue;
            }
            // Old tcptraceroute and some systems print the time without a space: "2.044ms".
            if (word.size() > 2 && word.substr(word.size() - 2) == "ms")
                if (const auto rtt = number(std::string_view(word).substr(0, word.size() - 2));
                    rtt && !m_responder.empty()) {
                    m_builder->addReply(m_lastTtl, m_responder, *rtt);
                    continue;
                }
            if (i + 1 < w.size() && !parenthesised(w[i + 1]).empty()) {
                const auto address = addressAsWritten(parenthesised(w[i + 1]));
                if (!address)
                    return lineError(kFormat, lineNumber,
                                     "'" + parenthesised(w[i + 1]) + "' is not an IP address");
                m_responder = *address;
                const auto bareName = addressAsWritten(word);
                if (!bareName)
                    m_builder->nameResponder(m_responder, word);
                ++i;
            } else if (const auto address = addressAsWritten(word)) {
                m_responder = *address;
            } else {
                return lineError(kFormat, lineNumber,
                                 "expected an address, a round trip or '*', found '" + word + "'");
            }
            if (m_pendingAsn) {
                m_builder->describeResponder(m_lastTtl, m_responder, {}, m_pendingAsn);
                m_pendingAsn.reset();
            }
            --probes;
        }
        return std::nullopt;
    }

    std::optional<Error> finish(int lineNumber)
    {
        if (!m_builder)
            return std::nullopt;
        if (m_builder->highestTtl() == 0)
            return lineError(kFormat, lineNumber, "a trace without a single hop");
        if (m_paths.size() >= kMaxPathsPerFile)
            return lineError(kFormat, lineNumber, "too many traces in one file");
        m_paths.push_back(m_builder->build());
        m_builder.reset();
        return std::nullopt;
    }

    // Junos lists the label stack of the hop above, one line per entry:
    // "MPLS Label=299856 CoS=0 TTL=1 S=1".
    void readJunosLabel(const std::vector<std::string> &w)
    {
        if (!m_builder || m_responder.empty())
            return;
        MplsLabel label;
        bool haveLabel = false;
        for (std::size_t i = 1; i < w.size(); ++i) {
            const auto equals = w[i].find('=');
            if (equals == std::string::npos)
                continue;
            const std::string key = w[i].substr(0, equals);
            const auto value = wholeNumber(std::string_view(w[i]).substr(equals + 1));
            if (!value || *value < 0)
                return;
            if (key == "Label") {
                label.label = static_cast<std::uint32_t>(*value);
                haveLabel = *value <= 1'048'575;
            } else if (key == "CoS") {
                label.trafficClass = *value & 7;
            } else if (key == "TTL") {
                label.ttl = *value & 255;
            } else if (key == "S") {
                label.bottomOfStack = *value != 0;
            }
        }
        if (haveLabel)
            m_builder->appendMplsLabel(m_lastTtl, m_responder, label);
    }

    std::vector<NetworkPath> m_paths;
    std::optional<ProbePathBuilder> m_builder;
    int m_lastTtl = 0;
    std::string m_responder;
    std::optional<std::uint32_t> m_pendingAsn; // "[ASn]" seen before its responder
};

class TracerouteTextFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "traceroute"; }
    std::string_view description() const override
    {
        return "traceroute or tcptraceroute text (Linux, BSD, macOS, Junos, FortiOS)";
    }
    int recognise(const ImportText &text) const override
    {
        for (std::string_view line : text.lines())
            if (isHeader(words(line)))
                return 80;
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return TraceroutePaths().read(text);
    }
};

} // namespace

std::unique_ptr<PathFormat> tracerouteText()
{
    return std::make_unique<TracerouteTextFormat>();
}

} // namespace hopscope::formats
