// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/pathimport.h"

#include "common/jsonfields.h"
#include "common/safetext.h"
#include "packet/ipaddress.h"
#include "path/networkpathjson.h"
#include "stats/hopstatistics.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <vector>

namespace hopscope {

namespace {

constexpr int kMaxImportedTtl = 255;
constexpr int kMaxProbesPerTtl = 1000;

std::vector<std::string> words(std::string_view line)
{
    std::vector<std::string> result;
    std::istringstream stream{std::string(line)};
    for (std::string word; stream >> word;)
        result.push_back(word);
    return result;
}

std::optional<double> number(std::string_view text)
{
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        value < 0)
        return std::nullopt;
    return value;
}

std::optional<int> wholeNumber(std::string_view text)
{
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// traceroute's annotations after an RTT and the ICMP destination-unreachable code each means.
std::optional<int> unreachableCode(std::string_view flag)
{
    static const std::map<std::string_view, int> codes{
        {"!N", 0}, {"!H", 1}, {"!P", 2}, {"!F", 4}, {"!S", 5}, {"!X", 13}, {"!V", 14}, {"!C", 15}};
    if (const auto it = codes.find(flag); it != codes.end())
        return it->second;
    if (flag.size() > 1 && flag[0] == '!')
        return wholeNumber(flag.substr(1));
    return std::nullopt;
}

Error importError(const std::string &format, int line, const std::string &what)
{
    return Error{ErrorCode::InvalidImport, format + " line " + std::to_string(line) + ": " + what};
}

// The hops a set of probes shows: one per responder, with its average RTT.
std::vector<PathHop> hopsFromProbes(const std::vector<ProbeSample> &probes, int lastTtl,
                                    const std::map<std::string, std::string> &names)
{
    std::vector<PathHop> hops;
    for (int ttl = 1; ttl <= lastTtl; ++ttl) {
        std::map<std::string, std::pair<double, int>> byResponder;
        std::vector<std::string> order;
        for (const ProbeSample &probe : probes)
            if (probe.ttl == ttl && !probe.responder.empty()) {
                auto [it, added] = byResponder.try_emplace(probe.responder, 0.0, 0);
                if (added)
                    order.push_back(probe.responder);
                if (probe.rttMs) {
                    it->second.first += *probe.rttMs;
                    ++it->second.second;
                }
            }
        if (order.empty()) {
            hops.push_back({ttl, unknownHopName(ttl), unknownHopName(ttl), std::nullopt, false});
            continue;
        }
        for (const std::string &responder : order) {
            const auto &[sum, count] = byResponder[responder];
            const auto name = names.find(responder);
            hops.push_back({ttl, responder, name != names.end() ? name->second : responder,
                            count > 0 ? std::optional<double>(sum / count) : std::nullopt, true});
        }
    }
    return hops;
}

// An imported path whose figures come from the tool: kept as a monitoring summary, with the
// request the tool was given as far as its output says.
NetworkPath withFigures(NetworkPath path, MonitorSummary summary)
{
    HopscopeExtension extension;
    extension.probing = Probing::Imported;
    TraceRequest request;
    request.target = path.destination.hostname;
    request.protocol = path.protocol;
    request.queries = 1;
    extension.request = request;
    extension.monitor = std::move(summary);
    path.hopscope = std::move(extension);
    return path;
}

// Trippy writes its figures as text with two decimals ("0.05"); a number is taken as well.
double trippyFigure(const nlohmann::json &value, const std::string &where)
{
    if (value.is_number())
        return value.get<double>();
    const auto parsed = value.is_string() ? number(value.get<std::string>()) : std::nullopt;
    if (!parsed || !std::isfinite(*parsed) || *parsed < 0)
        throw std::invalid_argument(where + ": not a figure");
    return *parsed;
}

} // namespace

Expected<NetworkPath> importTracerouteText(std::string_view text, Protocol protocol)
{
    NetworkPath path;
    path.protocol = protocol;
    HopscopeExtension extension;
    extension.probing = Probing::Imported;
    TraceRequest request;
    std::map<std::string, std::string> names;
    bool header = false;
    int lastTtl = 0;
    int lineNumber = 0;
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        ++lineNumber;
        const std::vector<std::string> w = words(line);
        if (w.empty() || w[0] == "Selected")
            continue;
        if (w.size() >= 4 && w[0] == "traceroute" && w[1] == "to") {
            // traceroute to HOST (ADDRESS), N hops max, M byte packets
            header = true;
            path.destination.hostname = w[2];
            std::string address = w[3];
            if (address.size() > 3 && address.front() == '(' && address.back() == ',')
                path.destination.ipAddress = address.substr(1, address.size() - 3);
            if (w.size() >= 5)
                if (const auto hops = wholeNumber(w[4]))
                    request.maxTtl = *hops;
            continue;
        }
        if (w.size() >= 7 && w[0] == "Tracing" && w[3] == "to") {
            // Tracing the path to HOST (ADDRESS) on TCP port N (name), M hops max
            header = true;
            path.protocol = Protocol::Tcp;
            path.destination.hostname = w[4];
            std::size_t next = 5;
            if (w[5].size() > 2 && w[5].front() == '(' && w[5].back() == ')') {
                path.destination.ipAddress = w[5].substr(1, w[5].size() - 2);
                next = 6;
            } else {
                path.destination.ipAddress = w[4];
            }
            if (next + 3 < w.size() && w[next] == "on" && w[next + 1] == "TCP" &&
                w[next + 2] == "port")
                if (const auto port = wholeNumber(w[next + 3]); port && *port > 0 && *port < 65536)
                    path.destination.port = static_cast<std::uint16_t>(*port);
            continue;
        }
        const auto ttl = wholeNumber(w[0]);
        if (!ttl)
            return importError("traceroute", lineNumber, "expected a TTL, found '" + w[0] + "'");
        if (!header)
            return importError("traceroute", lineNumber, "a hop before the 'traceroute to' header");
        if (*ttl < 1 || *ttl > kMaxImportedTtl || *ttl < lastTtl)
            return importError("traceroute", lineNumber,
                               "TTL " + w[0] + " is out of order or range");
        lastTtl = *ttl;
        std::string responder;
        int probesAtTtl = 0;
        for (std::size_t i = 1; i < w.size(); ++i) {
            const std::string &word = w[i];
            if (++probesAtTtl > kMaxProbesPerTtl)
                return importError("traceroute", lineNumber, "too many probes at one TTL");
            if (word == "*") {
                extension.probes.push_back({*ttl, 0, {}, std::nullopt, {}, {}, 0, 0});
                continue;
            }
            if (const auto rtt = number(word); rtt && i + 1 < w.size() && w[i + 1] == "ms") {
                if (responder.empty())
                    return importError("traceroute", lineNumber, "an RTT before any address");
                ProbeSample probe{*ttl, 0, responder, *rtt, {}, {}, 0, 0};
                ++i; // "ms"
                if (i + 1 < w.size())
                    if (const auto code = unreachableCode(w[i + 1])) {
                        probe.icmpType = responder.find(':') == std::string::npos ? 3 : 1;
                        probe.icmpCode = *code;
                        ++i;
                    }
                extension.probes.push_back(std::move(probe));
                continue;
            }
            if (word == "[open]" || word == "[closed]")
                continue; // tcptraceroute: the destination answered; its address says so already
            // A responder: "ADDRESS" or "NAME (ADDRESS)".
            if (i + 1 < w.size() && w[i + 1].size() > 2 && w[i + 1].front() == '(' &&
                w[i + 1].back() == ')') {
                responder = w[i + 1].substr(1, w[i + 1].size() - 2);
                names[responder] = word;
                ++i;
            } else {
                responder = word;
            }
            --probesAtTtl;
            if (!IpAddress::parse(responder))
                return importError("traceroute", lineNumber,
                                   "'" + responder + "' is not an address");
        }
    }
    if (!header)
        return Error{
            ErrorCode::InvalidImport,
            "not traceroute or tcptraceroute output: no 'traceroute to' or 'Tracing the path "
            "to' line"};
    if (lastTtl == 0)
        return Error{ErrorCode::InvalidImport, "traceroute output without a single hop"};
    if (path.destination.ipAddress.empty())
        path.destination.ipAddress = path.destination.hostname;
    request.target = path.destination.hostname;
    request.protocol = path.protocol;
    request.port = path.destination.port;
    request.queries = std::max(1, static_cast<int>(extension.probes.size()) / lastTtl);
    extension.request = request;
    path.hops = hopsFromProbes(extension.probes, lastTtl, names);
    path.hopscope = std::move(extension);
    return path;
}

namespace {

// A tool's JSON output, parsed with the limits a NetworkPath file has.
Expected<nlohmann::json> parseImport(std::string_view text, const std::string &format)
{
    auto document = jsonfields::parseBounded(text, kNetworkPathJsonLimits);
    if (!document)
        return Error{document.error().code, format + ": " + document.error().message};
    if (!document->is_object())
        return Error{ErrorCode::NotJson, format + ": not a JSON object"};
    return document;
}

Expected<NetworkPath> mtrFromJson(const nlohmann::json &document)
{
    try {
        const auto &report = document.at("report");
        const auto &mtr = report.at("mtr");
        const auto &hubs = report.at("hubs");
        if (!hubs.is_array() || hubs.size() > static_cast<std::size_t>(kMaxImportedTtl))
            return Error{ErrorCode::InvalidImport,
                         "mtr --json: /report/hubs must be an array of at most 255 hops"};
        NetworkPath path;
        path.protocol = Protocol::Icmp;
        path.destination.hostname = mtr.at("dst").get<std::string>();
        path.destination.ipAddress = path.destination.hostname;
        path.source.hostname = mtr.value("src", std::string());
        MonitorSummary summary;
        summary.rounds = mtr.value("tests", 0);
        int previous = 0;
        for (std::size_t i = 0; i < hubs.size(); ++i) {
            const auto &hub = hubs[i];
            const std::string where = "mtr --json: /report/hubs/" + std::to_string(i);
            const int ttl = hub.at("count").get<int>();
            if (ttl <= previous || ttl > kMaxImportedTtl)
                return Error{ErrorCode::InvalidImport, where + "/count: " + std::to_string(ttl) +
                                                           " is out of order or range"};
            previous = ttl;
            const std::string host = hub.at("host").get<std::string>();
            const bool silent = host == "???";
            const double loss = hub.at("Loss%").get<double>();
            const int sent = hub.at("Snt").get<int>();
            if (loss < 0 || loss > 100 || sent < 0)
                return Error{ErrorCode::InvalidImport, where + ": Loss% or Snt out of range"};
            MonitorHop row;
            row.ttl = ttl;
            row.responder = silent ? std::string() : host;
            row.stats.sent = sent;
            row.stats.received = static_cast<int>(std::lround(sent * (100.0 - loss) / 100.0));
            row.stats.lossPercent = loss;
            if (row.stats.received > 0) {
                row.stats.lastMs = hub.at("Last").get<double>();
                row.stats.avgMs = hub.at("Avg").get<double>();
                row.stats.minMs = hub.at("Best").get<double>();
                row.stats.maxMs = hub.at("Wrst").get<double>();
                row.stats.stdDevMs = hub.at("StDev").get<double>();
            }
            row.firstRound = 1;
            row.lastRound = std::max(1, summary.rounds);
            row.destination = !silent && host == path.destination.hostname;
            path.hops.push_back({ttl, silent ? unknownHopName(ttl) : host,
                                 silent ? unknownHopName(ttl) : host, row.stats.avgMs,
                                 !silent && row.stats.received > 0});
            summary.hops.push_back(std::move(row));
        }
        if (summary.hops.empty())
            return Error{ErrorCode::InvalidImport, "mtr --json: no hops"};
        return withFigures(std::move(path), std::move(summary));
    } catch (const nlohmann::json::exception &error) {
        return Error{ErrorCode::InvalidImport, std::string("mtr --json: ") + error.what()};
    }
}

Expected<NetworkPath> trippyFromJson(const nlohmann::json &document)
{
    try {
        const auto &target = document.at("info").at("target");
        const auto &hops = document.at("hops");
        if (!hops.is_array() || hops.size() > static_cast<std::size_t>(kMaxImportedTtl))
            return Error{ErrorCode::InvalidImport,
                         "trip --mode json: /hops must be an array of at most 255 hops"};
        NetworkPath path;
        path.protocol = Protocol::Icmp;
        path.destination.ipAddress = target.at("ip").get<std::string>();
        if (!IpAddress::parse(path.destination.ipAddress))
            return Error{ErrorCode::InvalidImport, "trip --mode json: /info/target/ip: '" +
                                                       printable(path.destination.ipAddress) +
                                                       "' is not an IP address"};
        path.destination.hostname = target.value("hostname", path.destination.ipAddress);
        MonitorSummary summary;
        int previous = 0;
        for (std::size_t i = 0; i < hops.size(); ++i) {
            const auto &hop = hops[i];
            const std::string where = "trip --mode json: /hops/" + std::to_string(i);
            const int ttl = hop.at("ttl").get<int>();
            if (ttl <= previous || ttl > kMaxImportedTtl)
                return Error{ErrorCode::InvalidImport,
                             where + "/ttl: " + std::to_string(ttl) + " is out of order or range"};
            previous = ttl;
            const double loss = trippyFigure(hop.at("loss_pct"), where + "/loss_pct");
            const int sent = hop.at("sent").get<int>();
            const int received = hop.at("recv").get<int>();
            if (loss < 0 || loss > 100 || sent < 0 || received < 0 || received > sent)
                return Error{ErrorCode::InvalidImport,
                             where + ": loss_pct, sent or recv out of range"};
            std::vector<std::pair<std::string, std::string>> hosts; // address, hostname
            for (const auto &host : hop.at("hosts")) {
                const std::string ip = host.at("ip").get<std::string>();
                if (!IpAddress::parse(ip))
                    return Error{ErrorCode::InvalidImport,
                                 where + "/hosts: '" + printable(ip) + "' is not an IP address"};
                const std::string name = host.value("hostname", ip);
                hosts.emplace_back(ip, name.empty() ? ip : name);
            }
            // Trippy counts per TTL: one row of figures, named after the first host; every host
            // answering at the TTL is a hop of the path, so that a load-balanced set compares as
            // one.
            MonitorHop row;
            row.ttl = ttl;
            row.responder = hosts.empty() ? std::string() : hosts.front().first;
            row.hostname = hosts.empty() || hosts.front().second == hosts.front().first
                               ? std::string()
                               : hosts.front().second;
            row.stats.sent = sent;
            row.stats.received = received;
            row.stats.lossPercent = loss;
            if (received > 0) {
                row.stats.lastMs = trippyFigure(hop.at("last"), where + "/last");
                row.stats.avgMs = trippyFigure(hop.at("avg"), where + "/avg");
                row.stats.minMs = trippyFigure(hop.at("best"), where + "/best");
                row.stats.maxMs = trippyFigure(hop.at("worst"), where + "/worst");
                row.stats.stdDevMs = trippyFigure(hop.at("stddev"), where + "/stddev");
                row.stats.jitterMs = trippyFigure(hop.at("jitter"), where + "/jitter");
            }
            row.firstRound = 1;
            row.lastRound = std::max(1, sent);
            summary.rounds = std::max(summary.rounds, sent);
            if (hosts.empty())
                path.hops.push_back(
                    {ttl, unknownHopName(ttl), unknownHopName(ttl), std::nullopt, false});
            for (const auto &[ip, name] : hosts) {
                row.destination = row.destination || ip == path.destination.ipAddress;
                path.hops.push_back({ttl, ip, name, row.stats.avgMs, received > 0});
            }
            summary.hops.push_back(std::move(row));
        }
        if (summary.hops.empty())
            return Error{ErrorCode::InvalidImport, "trip --mode json: no hops"};
        return withFigures(std::move(path), std::move(summary));
    } catch (const nlohmann::json::exception &error) {
        return Error{ErrorCode::InvalidImport, std::string("trip --mode json: ") + error.what()};
    } catch (const std::invalid_argument &error) {
        return Error{ErrorCode::InvalidImport, error.what()};
    }
}

} // namespace

Expected<NetworkPath> importMtrJson(std::string_view text)
{
    const auto document = parseImport(text, "mtr --json");
    return document ? mtrFromJson(*document) : Expected<NetworkPath>(document.error());
}

Expected<NetworkPath> importTrippyJson(std::string_view text)
{
    const auto document = parseImport(text, "trip --mode json");
    return document ? trippyFromJson(*document) : Expected<NetworkPath>(document.error());
}

Expected<NetworkPath> readAnyPathFile(const std::string &fileName)
{
    const auto text = readPathFileText(fileName);
    if (!text)
        return text.error();
    const auto withName = [&fileName](Expected<NetworkPath> result) -> Expected<NetworkPath> {
        if (!result)
            return Error{result.error().code, fileName + ": " + result.error().message};
        // Other tools' output carries no date: the file's own is the best there is.
        if (result->timestampMs == 0) {
            struct stat info
            {
            };
            if (::stat(fileName.c_str(), &info) == 0)
                result->timestampMs = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000 +
                                      info.st_mtim.tv_nsec / 1'000'000;
            if (result->hopscope) {
                for (ProbeSample &probe : result->hopscope->probes)
                    if (probe.sentAtUs == 0)
                        probe.sentAtUs = result->timestampMs * 1000;
                // The tool's cycles ran before the file was written; when exactly, it does not say.
                if (MonitorSummary *summary =
                        result->hopscope->monitor ? &*result->hopscope->monitor : nullptr;
                    summary && summary->startedUs == 0 && summary->endedUs == 0)
                    summary->startedUs = summary->endedUs = result->timestampMs * 1000;
            }
        }
        return result;
    };
    const std::string_view body(*text);
    const auto start = body.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && body[start] == '{') {
        // Parsed once; the keys at the top say whose output it is.
        const auto document = jsonfields::parseBounded(body, kNetworkPathJsonLimits);
        if (!document)
            return withName(document.error());
        if (document->contains("report"))
            return withName(mtrFromJson(*document));
        if (document->contains("info") && document->contains("hops"))
            return withName(trippyFromJson(*document));
        return withName(networkPathFromJsonValue(*document));
    }
    if (body.find("traceroute to ") != std::string_view::npos ||
        body.find("Tracing the path to ") != std::string_view::npos)
        return withName(importTracerouteText(body));
    return Error{ErrorCode::UnknownFormat, fileName +
                                               ": not a NetworkPath JSON file, mtr --json or trip "
                                               "--mode json output, or traceroute or "
                                               "tcptraceroute text"};
}

} // namespace hopscope
