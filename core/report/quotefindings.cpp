// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/quotefindings.h"

#include <algorithm>

namespace hopscope {

std::uint8_t sentTrafficClassOf(const NetworkPath &path)
{
    return path.hopscope && path.hopscope->request ? path.hopscope->request->trafficClass : 0;
}

std::optional<std::uint32_t> toldMtu(const ProbeQuote &quote)
{
    if (quote.nextHopMtu)
        return quote.nextHopMtu;
    for (const InterfaceInformation &interface : quote.interfaces)
        if (interface.mtu)
            return interface.mtu;
    return std::nullopt;
}

QuoteFindings quoteFindings(const ProbeQuote &quote, std::uint8_t sentTrafficClass)
{
    QuoteFindings findings;
    if (quote.source) // unspecified: a report hid it with the source
        findings.natSource = quote.source->isUnspecified() ? "hidden" : quote.source->toString();
    if (quote.sourcePort)
        findings.natPort = *quote.sourcePort;
    findings.dscp = quote.trafficClass >> 2;
    findings.ecn = quote.trafficClass & 3;
    findings.trafficClassRewritten = quote.trafficClass != sentTrafficClass;
    if (quote.ttl > 1)
        findings.quotedTtl = quote.ttl;
    findings.mtu = toldMtu(quote);
    findings.nextHopMtu = quote.nextHopMtu;
    findings.mpls = quote.mpls;
    findings.interfaces = quote.interfaces;
    findings.notes = quote.notes;
    return findings;
}

std::vector<std::string> quoteFindingLines(const QuoteFindings &findings,
                                           std::uint8_t sentTrafficClass)
{
    std::vector<std::string> lines;
    for (const MplsLabel &label : findings.mpls)
        lines.push_back(mplsText({label}));
    for (const InterfaceInformation &interface : findings.interfaces)
        lines.push_back("[interface: " + interfaceText(interface) + "]");
    if (!findings.natSource.empty())
        lines.push_back("[NAT: the router saw source " + findings.natSource +
                        (findings.natPort ? " port " + std::to_string(*findings.natPort) : "") +
                        "]");
    if (findings.trafficClassRewritten)
        lines.push_back("[DSCP " + std::to_string(findings.dscp) + " ECN " +
                        std::to_string(findings.ecn) + " as the router saw it; sent DSCP " +
                        std::to_string(sentTrafficClass >> 2) + " ECN " +
                        std::to_string(sentTrafficClass & 3) + "]");
    if (findings.quotedTtl)
        lines.push_back("[quoted TTL " + std::to_string(*findings.quotedTtl) + "]");
    if (findings.nextHopMtu)
        lines.push_back("[too big: the next link carries at most " +
                        std::to_string(*findings.nextHopMtu) + " bytes]");
    for (const std::string &note : findings.notes)
        lines.push_back("[extension left out: " + note + "]");
    return lines;
}

std::vector<std::string> replyFindingLines(const std::vector<ProbeQuote> &quotes,
                                           std::optional<int> destinationReplyTtl,
                                           std::uint8_t sentTrafficClass)
{
    std::vector<std::string> lines;
    for (const ProbeQuote &quote : quotes)
        for (std::string &line :
             quoteFindingLines(quoteFindings(quote, sentTrafficClass), sentTrafficClass))
            lines.push_back(std::move(line));
    if (destinationReplyTtl)
        lines.push_back(replyTtlLine(*destinationReplyTtl));
    return lines;
}

std::string replyTtlLine(int replyTtl)
{
    int initial = 255;
    for (const int common : {32, 64, 128, 255})
        if (replyTtl <= common) {
            initial = common;
            break;
        }
    const int routers = initial - replyTtl;
    return "[reply TTL " + std::to_string(replyTtl) + ": " + std::to_string(routers) +
           (routers == 1 ? " router" : " routers") + " on the way back from an initial TTL of " +
           std::to_string(initial) + "]";
}

FileLabels fileLabelsOf(const std::vector<PathHop> *fileHops)
{
    FileLabels labels;
    if (fileHops)
        for (const PathHop &hop : *fileHops)
            if (!hop.mpls.empty())
                labels.try_emplace({hop.ttl, hop.ipAddress}, hop.mpls);
    return labels;
}

std::vector<MplsLabel> rowLabels(const MonitorHop &hop, const FileLabels &fileLabels)
{
    if (hop.quote && !hop.quote->mpls.empty())
        return hop.quote->mpls;
    const auto found = fileLabels.find({hop.ttl, hop.responder});
    return found == fileLabels.end() ? std::vector<MplsLabel>{} : found->second;
}

std::optional<int> discoveredMtuAt(const NetworkPath &path, int ttl)
{
    if (!path.hopscope || !path.hopscope->pathMtu)
        return std::nullopt;
    const PathMtu &mtu = *path.hopscope->pathMtu;
    int size = mtu.firstSize;
    for (const MtuDrop &drop : mtu.drops)
        if (drop.ttl <= ttl)
            size = std::min(size, drop.mtu);
    return size;
}

std::optional<std::uint32_t> rowMtu(const MonitorHop &hop, const NetworkPath &path)
{
    if (hop.quote)
        if (const auto told = toldMtu(*hop.quote))
            return told;
    if (const auto discovered = discoveredMtuAt(path, hop.ttl))
        return static_cast<std::uint32_t>(*discovered);
    return std::nullopt;
}

std::vector<std::string> describePathMtu(const PathMtu &mtu, bool reached)
{
    std::vector<std::string> lines;
    const std::string size = std::to_string(mtu.size) + " bytes";
    const std::string first =
        "probes started at " + std::to_string(mtu.firstSize) + ", the outgoing interface's MTU";
    if (reached)
        lines.push_back("The path MTU is " + size + " (" + first + ").");
    else
        lines.push_back("The path MTU is at most " + size + " (" + first +
                        "); the destination did not answer, so the rest of the path is not known.");
    int before = mtu.firstSize;
    for (const MtuDrop &drop : mtu.drops) {
        const std::string router = drop.router.toString();
        const std::string where =
            drop.ttl > 1 ? "after TTL " + std::to_string(drop.routerTtl()) + " (" + router + ")"
                         : "at " + router;
        lines.push_back("It drops from " + std::to_string(before) + " to " +
                        std::to_string(drop.mtu) + " bytes " + where + ": the link to TTL " +
                        std::to_string(drop.ttl) + " carries no more.");
        before = drop.mtu;
    }
    return lines;
}

} // namespace hopscope
