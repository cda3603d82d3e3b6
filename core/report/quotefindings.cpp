// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/quotefindings.h"

namespace hopscope {

std::uint8_t sentTrafficClassOf(const NetworkPath &path)
{
    return path.hopscope && path.hopscope->request ? path.hopscope->request->trafficClass : 0;
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
    findings.mtu = quote.nextHopMtu;
    for (const InterfaceInformation &interface : quote.interfaces)
        if (!findings.mtu && interface.mtu)
            findings.mtu = interface.mtu;
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
    for (const std::string &note : findings.notes)
        lines.push_back("[extension left out: " + note + "]");
    return lines;
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

std::string mplsCell(const std::vector<MplsLabel> &labels)
{
    std::string cell;
    for (const MplsLabel &label : labels)
        cell += (cell.empty() ? "" : "/") + std::to_string(label.label);
    return cell;
}

} // namespace hopscope
