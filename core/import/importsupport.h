// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "common/jsonfields.h"
#include "import/pathformat.h"
#include "path/networkpath.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the readers of other tools' output share: splitting text, reading numbers, and turning
// the probes a file lists into a path.
namespace hopscope::importsupport {

constexpr int kMaxImportedTtl = 255;
constexpr int kMaxProbesPerTtl = 1000;
constexpr std::size_t kMaxPathsPerFile = 10'000;

std::vector<std::string> words(std::string_view line);
std::string_view trimmed(std::string_view text);
bool startsWith(std::string_view text, std::string_view prefix);
// A finite number of at least 0, the whole text.
std::optional<double> number(std::string_view text);
std::optional<int> wholeNumber(std::string_view text);
// A UTC time as RFC 3339 writes it ("2025-05-04T09:50:10.383221Z") in milliseconds since 1970,
// or nothing when the text is not one.
std::optional<std::int64_t> utcMilliseconds(std::string_view text);
// traceroute's "!H"-style annotation as an ICMP destination-unreachable code.
std::optional<int> unreachableCode(std::string_view flag);
// An IPv4 or IPv6 address as the file writes it, with its scope if it has one ("fe80::1%eth0"),
// or nothing when the text is not one.
std::optional<std::string> addressAsWritten(std::string_view text);

// The address a JSON field holds, as written; anything else is refused naming the field.
std::string requiredAddress(const jsonfields::ObjectView &object, std::string_view key);

// One entry of an MPLS label stack in a JSON file, under the member names its tool writes (RIPE
// Atlas: label, exp, s, ttl; Trippy: label, exp, bos, ttl). Where `allRequired` is false only
// the label must be there, as RIPE's probes leave out what they did not see; a missing figure
// is then 0. Out-of-range values are refused naming the member.
struct MplsMemberNames
{
    std::string_view label, trafficClass, bottomOfStack, ttl;
    bool allRequired;
};
MplsLabel mplsEntryOf(const jsonfields::ObjectView &entry, const MplsMemberNames &names);

// "(ADDRESS)" as the address inside, or "" when the word is not in parentheses.
std::string parenthesised(std::string word);

// Linux traceroute -e's "<MPLS:L=201007,E=0,S=0,T=1/L=201003,E=0,S=1,T=2>".
std::optional<std::vector<MplsLabel>> bracketedMplsLabels(std::string_view word);
// "[AS1739]" (traceroute -A, BSD -a); "[AS0]" is an AS number as well.
std::optional<std::uint32_t> bracketedAsn(std::string_view word);

// The fields of one CSV line, trimmed; a field in double quotes may hold commas and doubled
// quotes ("a ""b"", c").
std::vector<std::string> csvFields(std::string_view line);

// "FORMAT line N: WHAT".
Error lineError(std::string_view format, int line, const std::string &what);

// Builds a path from the probes a file lists, one responder per hop with the mean of its replies.
class ProbePathBuilder final
{
public:
    explicit ProbePathBuilder(Protocol protocol);

    NetworkPath &path() { return m_path; }
    TraceRequest &request() { return m_request; }

    // `replyTtl` is the TTL the answer arrived with and `quote` what a router's error quoted,
    // when the file tells them.
    void addReply(int ttl, const std::string &responder, std::optional<double> rttMs,
                  std::optional<int> icmpType = std::nullopt,
                  std::optional<int> icmpCode = std::nullopt,
                  std::optional<int> replyTtl = std::nullopt,
                  std::optional<ProbeQuote> quote = std::nullopt);
    void addTimeout(int ttl);
    // A responder's name as the file shows it next to the address.
    void nameResponder(const std::string &responder, const std::string &hostname);
    // The MPLS labels a responder quoted and its AS number, as the file shows them; the first
    // the file gives for a responder at a TTL is kept.
    void describeResponder(int ttl, const std::string &responder,
                           const std::vector<MplsLabel> &mpls,
                           std::optional<std::uint32_t> asn = std::nullopt);
    // One more entry of a responder's label stack, for files that list a stack line by line.
    void appendMplsLabel(int ttl, const std::string &responder, const MplsLabel &label);
    int highestTtl() const { return m_highestTtl; }
    std::size_t probeCount() const { return m_extension.probes.size(); }

    // The path: a hop per responder at every TTL the file lists, one silent hop at a listed TTL
    // that nobody answered. A TTL the file does not list is not a hop: a trace may start past
    // TTL 1 or end with an end marker.
    NetworkPath build();

private:
    void noteTtl(int ttl);

    NetworkPath m_path;
    TraceRequest m_request;
    HopscopeExtension m_extension;
    std::map<std::string, std::string> m_names;
    std::map<std::pair<int, std::string>, std::vector<MplsLabel>> m_labels;
    std::map<std::pair<int, std::string>, std::uint32_t> m_asns;
    int m_lowestTtl = 0;
    int m_highestTtl = 0;
};

// A responder as a figures table shows it: its address ("" for a TTL nobody answered) and the
// name shown for it ("" when none).
struct TableHost
{
    std::string address;
    std::string name;
};

// One TTL of a tool's table of figures (mtr, Trippy, NextTrace): the row of figures, kept under
// the first host's name, and a hop of the path for every host, so that a load-balanced set
// compares as one.
void addFiguresRow(NetworkPath &path, MonitorSummary &summary, MonitorHop row,
                   const std::vector<TableHost> &hosts);

// The one path a single-document JSON format holds, read from the document by `read`; a text
// that is not JSON, or a field `read` refuses, is an error named after the format.
template <typename Read>
Expected<std::vector<NetworkPath>> readJsonPath(const ImportText &text, std::string_view format,
                                                Read &&read)
{
    if (!text.json())
        return Error{ErrorCode::NotJson, std::string(format) + ": not a JSON document"};
    auto path = jsonfields::readFields([&] { return read(*text.json()); });
    if (!path)
        return Error{path.error().code, std::string(format) + ": " + path.error().message};
    return std::vector<NetworkPath>{std::move(*path)};
}

// An imported path whose figures come from the tool itself (mtr, Trippy): kept as a monitoring
// summary, with the request the tool was given as far as its output says.
NetworkPath withToolFigures(NetworkPath path, MonitorSummary summary);

} // namespace hopscope::importsupport
