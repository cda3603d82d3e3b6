// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/importsupport.h"

#include "common/safetext.h"
#include "packet/ipaddress.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <set>
#include <sstream>

namespace hopscope::importsupport {

std::vector<std::string> words(std::string_view line)
{
    std::vector<std::string> result;
    std::istringstream stream{std::string(line)};
    for (std::string word; stream >> word;)
        result.push_back(word);
    return result;
}

std::string_view trimmed(std::string_view text)
{
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos)
        return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(start, end - start + 1);
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
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

std::optional<std::int64_t> utcMilliseconds(std::string_view text)
{
    // YYYY-MM-DDTHH:MM:SS, then an optional fraction, then Z.
    if (text.size() < 20 || text.back() != 'Z' || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    const auto allDigits = [](std::string_view digits) {
        return std::all_of(digits.begin(), digits.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto field = [&](std::size_t at, std::size_t length) {
        const std::string_view digits = text.substr(at, length);
        return allDigits(digits) ? wholeNumber(digits) : std::nullopt;
    };
    const auto year = field(0, 4), month = field(5, 2), day = field(8, 2);
    const auto hour = field(11, 2), minute = field(14, 2), second = field(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 ||
        *second > 60)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(*year),
                                           std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok() || *year < 1970)
        return std::nullopt;
    int milliseconds = 0;
    const std::string_view fraction = text.substr(19, text.size() - 20);
    if (!fraction.empty()) {
        if (fraction.size() < 2 || fraction[0] != '.' || !allDigits(fraction.substr(1)))
            return std::nullopt;
        for (std::size_t digit = 1; digit <= 3; ++digit)
            milliseconds =
                milliseconds * 10 + (digit < fraction.size() ? fraction[digit] - '0' : 0);
    }
    const auto days = std::chrono::sys_days(date).time_since_epoch().count();
    return ((static_cast<std::int64_t>(days) * 24 + *hour) * 60 + *minute) * 60'000 +
           std::int64_t{*second} * 1000 + milliseconds;
}

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

std::optional<std::string> addressAsWritten(std::string_view text)
{
    const auto percent = text.find('%');
    const std::string_view bare = text.substr(0, percent);
    if (!IpAddress::parse(std::string(bare)))
        return std::nullopt;
    // A scope is kept as written, but only a name of an interface ("fe80::1%eth0").
    if (percent != std::string_view::npos) {
        const std::string_view scope = text.substr(percent + 1);
        if (scope.empty() || scope.size() > 15 ||
            scope.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789._-@") != std::string_view::npos)
            return std::nullopt;
    }
    return std::string(text);
}

std::string requiredAddress(const jsonfields::ObjectView &object, std::string_view key)
{
    const std::string text = object.requiredString(key);
    const auto address = addressAsWritten(text);
    if (!address)
        jsonfields::fail(ErrorCode::InvalidImport, object.pointerTo(key),
                         "'" + text + "' is not an IP address");
    return *address;
}

MplsLabel mplsEntryOf(const jsonfields::ObjectView &entry, const MplsMemberNames &names)
{
    const auto figure = [&](std::string_view key, std::int64_t high) {
        return names.allRequired ? entry.requiredInteger(key, 0, high)
                                 : entry.optionalInteger(key, 0, high).value_or(0);
    };
    return {static_cast<std::uint32_t>(entry.requiredInteger(names.label, 0, 1'048'575)),
            static_cast<int>(figure(names.trafficClass, 7)), figure(names.bottomOfStack, 1) == 1,
            static_cast<int>(figure(names.ttl, 255))};
}

std::string parenthesised(std::string word)
{
    while (!word.empty() && (word.back() == ',' || word.back() == ':'))
        word.pop_back();
    if (word.size() > 2 && word.front() == '(' && word.back() == ')')
        return word.substr(1, word.size() - 2);
    return {};
}

std::optional<std::vector<MplsLabel>> bracketedMplsLabels(std::string_view word)
{
    if (!startsWith(word, "<MPLS:") || word.back() != '>')
        return std::nullopt;
    std::vector<MplsLabel> labels;
    std::string_view rest = word.substr(6, word.size() - 7);
    while (!rest.empty() && labels.size() < 64) {
        const auto slash = rest.find('/');
        std::string_view entry = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        MplsLabel label;
        bool haveLabel = false;
        while (!entry.empty()) {
            const auto comma = entry.find(',');
            const std::string_view field = entry.substr(0, comma);
            entry = comma == std::string_view::npos ? std::string_view() : entry.substr(comma + 1);
            if (field.size() < 3 || field[1] != '=')
                return std::nullopt;
            const auto value = wholeNumber(field.substr(2));
            if (!value || *value < 0)
                return std::nullopt;
            switch (field[0]) {
            case 'L':
                label.label = static_cast<std::uint32_t>(*value);
                haveLabel = *value <= 1'048'575;
                break;
            case 'E':
                label.trafficClass = *value & 7;
                break;
            case 'S':
                label.bottomOfStack = *value != 0;
                break;
            case 'T':
                label.ttl = *value & 255;
                break;
            default:
                return std::nullopt;
            }
        }
        if (!haveLabel)
            return std::nullopt;
        labels.push_back(label);
    }
    return labels;
}

std::optional<std::uint32_t> bracketedAsn(std::string_view word)
{
    if (!startsWith(word, "[AS") || word.back() != ']')
        return std::nullopt;
    std::uint32_t value = 0;
    const std::string_view digits = word.substr(3, word.size() - 4);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}

std::vector<std::string> csvFields(std::string_view line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                fields.back() += line[++i];
            else if (c == '"')
                quoted = false;
            else
                fields.back() += c;
        } else if (c == '"' && trimmed(fields.back()).empty()) {
            fields.back().clear();
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    for (std::string &field : fields)
        field = std::string(trimmed(field));
    return fields;
}

Error lineError(std::string_view format, int line, const std::string &what)
{
    // Messages quote the file, which may hold anything; they are printed on terminals.
    return Error{ErrorCode::InvalidImport,
                 std::string(format) + " line " + std::to_string(line) + ": " + printable(what)};
}

ProbePathBuilder::ProbePathBuilder(Protocol protocol)
{
    m_path.protocol = protocol;
    m_extension.probing = Probing::Imported;
}

void ProbePathBuilder::addReply(int ttl, const std::string &responder, std::optional<double> rttMs,
                                std::optional<int> icmpType, std::optional<int> icmpCode,
                                std::optional<int> replyTtl, std::optional<ProbeQuote> quote)
{
    noteTtl(ttl);
    m_extension.probes.push_back(
        {ttl, 0, responder, rttMs, icmpType, icmpCode, 0, 0, std::move(quote), replyTtl});
}

void ProbePathBuilder::addTimeout(int ttl)
{
    noteTtl(ttl);
    m_extension.probes.push_back({ttl, 0, {}, std::nullopt, {}, {}, 0, 0});
}

void ProbePathBuilder::noteTtl(int ttl)
{
    m_highestTtl = std::max(m_highestTtl, ttl);
    m_lowestTtl = m_lowestTtl == 0 ? ttl : std::min(m_lowestTtl, ttl);
}

void ProbePathBuilder::describeResponder(int ttl, const std::string &responder,
                                         const std::vector<MplsLabel> &mpls,
                                         std::optional<std::uint32_t> asn)
{
    if (!mpls.empty())
        m_labels.try_emplace({ttl, responder}, mpls);
    if (asn)
        m_asns.try_emplace({ttl, responder}, *asn);
}

void ProbePathBuilder::appendMplsLabel(int ttl, const std::string &responder,
                                       const MplsLabel &label)
{
    auto &stack = m_labels[{ttl, responder}];
    if (stack.size() < 64)
        stack.push_back(label);
}

void ProbePathBuilder::nameResponder(const std::string &responder, const std::string &hostname)
{
    if (!hostname.empty() && hostname != responder)
        m_names[responder] = hostname;
}

NetworkPath ProbePathBuilder::build()
{
    // Only the TTLs the file lists: a RIPE Atlas result that ends with hop 255 did not probe the
    // TTLs in between.
    std::set<int> listed;
    for (const ProbeSample &probe : m_extension.probes)
        listed.insert(probe.ttl);
    std::vector<PathHop> hops;
    for (const int ttl : listed) {
        std::map<std::string, std::pair<double, int>> byResponder;
        std::vector<std::string> order;
        for (const ProbeSample &probe : m_extension.probes)
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
            const auto name = m_names.find(responder);
            PathHop hop{ttl, responder, name != m_names.end() ? name->second : responder,
                        count > 0 ? std::optional<double>(sum / count) : std::nullopt, true};
            if (const auto labels = m_labels.find({ttl, responder}); labels != m_labels.end())
                hop.mpls = labels->second;
            if (const auto asn = m_asns.find({ttl, responder}); asn != m_asns.end())
                hop.asn = asn->second;
            hops.push_back(std::move(hop));
        }
    }
    m_path.hops = std::move(hops);
    if (m_path.destination.ipAddress.empty())
        m_path.destination.ipAddress = m_path.destination.hostname;
    if (m_path.destination.hostname.empty())
        m_path.destination.hostname = m_path.destination.ipAddress;
    m_request.target = m_path.destination.hostname;
    m_request.protocol = m_path.protocol;
    if (!m_request.port && m_path.destination.port)
        m_request.port = m_path.destination.port;
    if (m_highestTtl > 0)
        m_request.queries = std::max(1, static_cast<int>(m_extension.probes.size()) /
                                            std::max<int>(1, static_cast<int>(listed.size())));
    m_extension.request = m_request;
    m_path.hopscope = std::move(m_extension);
    return std::move(m_path);
}

void addFiguresRow(NetworkPath &path, MonitorSummary &summary, MonitorHop row,
                   const std::vector<TableHost> &hosts)
{
    const bool answered = !hosts.empty() && !hosts.front().address.empty();
    row.responder = answered ? hosts.front().address : std::string();
    row.hostname = answered && hosts.front().name != hosts.front().address ? hosts.front().name
                                                                           : std::string();
    row.firstRound = 1;
    row.lastRound = std::max(1, row.stats.sent);
    summary.rounds = std::max(summary.rounds, row.stats.sent);
    if (!answered)
        path.hops.push_back(
            {row.ttl, unknownHopName(row.ttl), unknownHopName(row.ttl), std::nullopt, false});
    for (const TableHost &host : hosts) {
        if (host.address.empty())
            continue;
        row.destination = row.destination || host.address == path.destination.ipAddress;
        path.hops.push_back({row.ttl, host.address, host.name.empty() ? host.address : host.name,
                             row.stats.received > 0 ? row.stats.avgMs : std::nullopt, true});
    }
    summary.hops.push_back(std::move(row));
}

NetworkPath withToolFigures(NetworkPath path, MonitorSummary summary)
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

} // namespace hopscope::importsupport
