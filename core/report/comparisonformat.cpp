// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/comparisonformat.h"

#include "path/jsonwrite.h"
#include "report/pathtexttable.h"
#include "report/textformat.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace hopscope {

namespace {

// A sentence continued after a colon in the text diff.
std::string lowerFirst(std::string sentence)
{
    if (!sentence.empty())
        sentence[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(sentence[0])));
    return sentence;
}

std::string plural(int count, const char *one, const char *many)
{
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string shiftLine(const TtlComparison &row)
{
    const RttShift &shift = *row.shift;
    return "TTL " + std::to_string(row.ttl) + ": median " +
           formatFixed(*row.first->medianRttMs, 3) + " -> " +
           formatFixed(*row.second->medianRttMs, 3) + " ms (" +
           formatFixed(shift.medianDeltaMs, 3, true) + " ms), " + formatPValue(shift.test.pValue) +
           " over " + std::to_string(row.first->rttsMs.size()) + " and " +
           std::to_string(row.second->rttsMs.size()) + " replies";
}

nlohmann::ordered_json observationJson(const TtlObservation &side)
{
    nlohmann::ordered_json object;
    object["responders"] = side.responders;
    object["destination"] = side.destination;
    object["replies"] = side.rttsMs.size();
    if (side.probesSent > 0)
        object["probes"] = side.probesSent;
    jsonwrite::putIfSet(object, "median_rtt_ms", side.medianRttMs);
    jsonwrite::putIfSet(object, "loss_percent", side.lossPercent);
    if (!side.mpls.empty())
        object["mpls"] = side.mpls;
    return object;
}

nlohmann::ordered_json overviewJson(const PathOverview &overview, const NetworkPath &path)
{
    nlohmann::ordered_json object;
    object["path_id"] = path.pathId;
    object["timestamp"] = path.timestampMs;
    object["protocol"] = protocolName(path.protocol);
    object["destination"] =
        path.destination.hostname.empty() ? path.destination.ipAddress : path.destination.hostname;
    object["length"] = overview.length;
    object["reached"] = overview.destinationTtl.has_value();
    jsonwrite::putIfSet(object, "destination_ttl", overview.destinationTtl);
    object["per_probe_samples"] = overview.perProbeSamples;
    if (overview.pathMtu)
        object["path_mtu"] = overview.pathMtu->size;
    return object;
}

} // namespace

std::string formatResponders(const std::optional<TtlObservation> &side)
{
    if (!side)
        return "-";
    if (side->responders.empty())
        return "*";
    std::string cell;
    for (const std::string &responder : side->responders)
        cell += (cell.empty() ? "" : ", ") + printable(responder);
    return cell;
}

std::string formatMedianMs(const std::optional<TtlObservation> &side)
{
    return side && side->medianRttMs ? formatFixed(*side->medianRttMs, 3) : "";
}

std::string formatMedianDelta(const TtlComparison &row)
{
    return row.medianDeltaMs ? formatFixed(*row.medianDeltaMs, 3, true) : "";
}

std::string formatLoss(const std::optional<TtlObservation> &side)
{
    return side && side->lossPercent ? formatFixed(*side->lossPercent, 1) + "%" : "";
}

std::string formatRttTest(const TtlComparison &row)
{
    if (!row.shift)
        return {};
    if (row.shift->significant)
        return formatPValue(row.shift->test.pValue) + " significant";
    // Consistent, but too small to matter: said, so that a low p without the word is not a puzzle.
    if (row.shift->test.pValue < kSignificanceLevel)
        return formatPValue(row.shift->test.pValue) + ", under " +
               formatFixed(kNoticeableShiftMs, 1) + " ms";
    return formatPValue(row.shift->test.pValue);
}

std::vector<std::string> comparisonNotes(const PathModel &firstModel, const PathModel &secondModel)
{
    const NetworkPath &first = firstModel.header();
    const NetworkPath &second = secondModel.header();
    // Comparing paths to different places or by different means is allowed, and said.
    std::vector<std::string> notes;
    if (first.destination.ipAddress != second.destination.ipAddress)
        notes.push_back("The paths lead to different addresses (" +
                        printable(first.destination.ipAddress) + ", " +
                        printable(second.destination.ipAddress) + ").");
    if (first.protocol != second.protocol)
        notes.push_back(
            "The paths were traced with different protocols; routers may treat them differently.");
    return notes;
}

std::vector<std::string> describeRttTests(const PathComparison &comparison)
{
    // What the RTT tests say, since a bare difference of medians may be noise.
    std::vector<std::string> significant;
    int tested = 0;
    for (const TtlComparison &row : comparison.ttls) {
        if (!row.shift)
            continue;
        ++tested;
        if (row.shift->significant)
            significant.push_back(
                std::string(row.shift->medianDeltaMs > 0 ? "Slower at " : "Faster at ") +
                shiftLine(row));
    }
    std::string summary = "RTT (Mann-Whitney U, two-sided, significant when p < " +
                          formatFixed(kSignificanceLevel, 2) + " and the medians are " +
                          formatFixed(kNoticeableShiftMs, 1) + " ms apart or more): ";
    if (tested == 0)
        summary += comparison.first.perProbeSamples && comparison.second.perProbeSamples
                       ? "no TTL has " + std::to_string(kMinSamplesForTest) +
                             " replies on both sides to test."
                       : "not tested: a file without per-probe samples gives one RTT per hop.";
    else if (significant.empty())
        summary += "no significant change at the " + plural(tested, "TTL", "TTLs") + " tested.";
    else
        summary += plural(static_cast<int>(significant.size()), "significant change",
                          "significant changes") +
                   " at the " + plural(tested, "TTL", "TTLs") + " tested.";
    significant.insert(significant.begin(), summary);
    return significant;
}

std::string formatPValue(double p)
{
    if (p < 0.0001)
        return "p < 0.0001";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "p = %.4f", p);
    return buffer;
}

std::string comparisonVerdict(const PathComparison &comparison)
{
    std::string quoteChanges;
    for (const std::string &line : describeQuoteChanges(comparison))
        quoteChanges += " " + line;
    if (!comparison.routesDiffer())
        return "The routes are the same." + quoteChanges;
    const std::string asChange = describeAsChange(comparison);
    std::vector<std::string> parts;
    if (comparison.reachabilityChanged())
        parts.push_back(comparison.second.destinationTtl ? "the destination is now reached"
                                                         : "the destination is no longer reached");
    const std::pair<HopChange, std::pair<const char *, const char *>> kinds[] = {
        {HopChange::Changed, {"hop changed", "hops changed"}},
        {HopChange::EcmpChanged,
         {"hop with a different ECMP set", "hops with different ECMP sets"}},
        {HopChange::Added, {"hop added", "hops added"}},
        {HopChange::Removed, {"hop removed", "hops removed"}},
    };
    for (const auto &[kind, words] : kinds)
        if (const int n = comparison.count(kind))
            parts.push_back(plural(n, words.first, words.second));
    if (comparison.lengthChanged())
        parts.push_back("path length " + std::to_string(comparison.first.length) + " -> " +
                        std::to_string(comparison.second.length));
    std::string verdict = "The routes differ: ";
    for (std::size_t i = 0; i < parts.size(); ++i)
        verdict += (i ? ", " : "") + parts[i];
    return verdict + "." + (asChange.empty() ? "" : " " + asChange) + quoteChanges;
}

std::string formatComparison(const PathComparison &comparison, const PathModel &first,
                             const PathModel &second)
{
    std::string text =
        "First:  " + formatPathSummary(first) + "\nSecond: " + formatPathSummary(second) + "\n";
    for (const std::string &note : comparisonNotes(first, second))
        text += "Note: " + lowerFirst(note) + "\n";
    text += "\n" + comparisonVerdict(comparison) + "\n\n";

    std::vector<std::vector<std::string>> rows;
    rows.push_back({"TTL", "FIRST", "SECOND", "CHANGE", "MEDIAN 1", "MEDIAN 2", "DELTA MS",
                    "LOSS 1", "LOSS 2", "RTT TEST"});
    for (const TtlComparison &row : comparison.ttls)
        rows.push_back({std::to_string(row.ttl), formatResponders(row.first),
                        formatResponders(row.second), std::string(hopChangeName(row.change)),
                        formatMedianMs(row.first), formatMedianMs(row.second),
                        formatMedianDelta(row), formatLoss(row.first), formatLoss(row.second),
                        formatRttTest(row)});
    text += formatColumns(rows, {true, false, false, false, true, true, true, true, true, false});

    const std::vector<std::string> findings = describeRttTests(comparison);
    text += "\n" + findings.front() + "\n";
    for (std::size_t i = 1; i < findings.size(); ++i)
        text += "  " + lowerFirst(findings[i]) + "\n";
    return text;
}

nlohmann::ordered_json comparisonToJson(const PathComparison &comparison, const PathModel &first,
                                        const PathModel &second)
{
    nlohmann::ordered_json document;
    document["routes_differ"] = comparison.routesDiffer();
    document["verdict"] = comparisonVerdict(comparison);
    document["first"] = overviewJson(comparison.first, first.header());
    document["second"] = overviewJson(comparison.second, second.header());
    for (const auto &[key, asPath] : {std::pair{"first", &comparison.firstAsPath},
                                      std::pair{"second", &comparison.secondAsPath}}) {
        if (asPath->empty())
            continue;
        nlohmann::ordered_json crossings = nlohmann::ordered_json::array();
        for (const AsCrossing &crossing : *asPath)
            crossings.push_back({{"asn", crossing.asn},
                                 {"label", crossing.label},
                                 {"first_ttl", crossing.firstTtl},
                                 {"last_ttl", crossing.lastTtl}});
        document[key]["as_path"] = std::move(crossings);
    }
    document["significance_level"] = kSignificanceLevel;
    nlohmann::ordered_json ttls = nlohmann::ordered_json::array();
    for (const TtlComparison &row : comparison.ttls) {
        nlohmann::ordered_json entry;
        entry["ttl"] = row.ttl;
        entry["change"] = hopChangeName(row.change);
        if (row.first)
            entry["first"] = observationJson(*row.first);
        if (row.second)
            entry["second"] = observationJson(*row.second);
        jsonwrite::putIfSet(entry, "median_rtt_delta_ms", row.medianDeltaMs);
        jsonwrite::putIfSet(entry, "loss_delta_percent", row.lossDeltaPercent);
        if (row.shift) {
            nlohmann::ordered_json test;
            test["method"] = "mann-whitney-u";
            test["u"] = row.shift->test.u;
            test["p_value"] = row.shift->test.pValue;
            test["exact"] = row.shift->test.exact;
            test["significant"] = row.shift->significant;
            entry["rtt_test"] = test;
        }
        ttls.push_back(entry);
    }
    document["ttls"] = ttls;
    return document;
}

} // namespace hopscope
