// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "traceprinter.h"

#include "clioutput.h"
#include "common/safetext.h"
#include "packet/tcpsyn.h"
#include "report/quotefindings.h"
#include "stats/hopstatistics.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace hopscope::cli {

namespace {

std::string unreachableMark(const ProbeReply &reply)
{
    if (reply.unreachable && *reply.unreachable != UnreachableKind::Port)
        return std::string(" ") + std::string(unreachableFlag(*reply.unreachable));
    return {};
}

// One SYN-ACK proves the port open. Probes of one flow share their ports, so a SYN that arrives
// while the destination still holds the previous one half-open is answered with a reset even
// by an open port: resets alone mean closed only when no SYN-ACK came back.
std::string portState(const std::vector<ProbeEvent> &events)
{
    bool reset = false;
    for (const ProbeEvent &event : events) {
        if (!event.reply || event.reply->kind != ReplyKind::DestinationReply)
            continue;
        const std::uint8_t flags = event.reply->tcpFlags;
        if ((flags & kTcpFlagSyn) && (flags & kTcpFlagAck))
            return "  [open]";
        reset = reset || (flags & kTcpFlagRst);
    }
    return reset ? "  [closed]" : "";
}

std::string milliseconds(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "  %.3f ms", value);
    return text;
}

// "  [AS64500 EXAMPLE-NET]" after a responder, as traceroute -A marks it; "" when unknown.
std::string ownerMark(const OwnerLabels &owners, const std::string &address)
{
    const auto found = owners.find(address);
    return found == owners.end() ? std::string() : " [" + found->second + "]";
}

std::string ttlColumn(int ttl)
{
    char text[16];
    std::snprintf(text, sizeof text, "%3d  ", ttl);
    return text;
}

// One flow: traceroute's line, a responder named once, then each probe's time or "*".
std::string singleFlowLine(const std::vector<ProbeEvent> &events, const OwnerLabels &owners)
{
    std::string line;
    std::optional<IpAddress> lastResponder;
    for (const ProbeEvent &event : events) {
        if (!event.reply) {
            line += line.empty() ? "*" : " *";
            continue;
        }
        if (!lastResponder || *lastResponder != event.reply->responder) {
            line += (line.empty() ? "" : " ") + event.reply->responder.toString() +
                    ownerMark(owners, event.reply->responder.toString());
            lastResponder = event.reply->responder;
        }
        line += milliseconds(*event.rttMs()) + unreachableMark(*event.reply);
    }
    return line;
}

// Several flows: a line per responder with its mean time (a hop's rtt in the saved file), its share
// of the probes and the flows that went through it, so that branches show as branches:
//   2  198.18.1.2   0.007 ms  18/24 probes  flows 0 1 2 4 6 7
//      198.18.10.2  0.007 ms   6/24 probes  flows 3 5
std::vector<std::string> flowLines(const std::vector<ProbeEvent> &events, const OwnerLabels &owners)
{
    std::vector<std::pair<std::string, std::vector<const ProbeEvent *>>> responders;
    for (const ProbeEvent &event : events) {
        if (!event.reply)
            continue;
        const std::string address = event.reply->responder.toString() +
                                    ownerMark(owners, event.reply->responder.toString());
        auto it = std::find_if(responders.begin(), responders.end(),
                               [&](const auto &entry) { return entry.first == address; });
        if (it == responders.end())
            it = responders.insert(responders.end(), {address, {}});
        it->second.push_back(&event);
    }
    if (responders.empty())
        return {"* (" + std::to_string(events.size()) + " probes, none answered)"};
    std::size_t width = 0;
    for (const auto &entry : responders)
        width = std::max(width, entry.first.size());
    std::vector<std::string> lines;
    for (const auto &[address, answers] : responders) {
        std::vector<std::optional<double>> rtts;
        std::set<int> flows;
        for (const ProbeEvent *event : answers) {
            rtts.push_back(event->rttMs());
            flows.insert(event->slot.flow);
        }
        const HopStatistics figures = computeHopStatistics(rtts);
        std::string line = address + std::string(width - address.size(), ' ') +
                           milliseconds(*figures.avgMs) + "  " + std::to_string(answers.size()) +
                           "/" + std::to_string(events.size()) + " probes  flows";
        for (const int flow : flows)
            line += " " + std::to_string(flow);
        lines.push_back(line + unreachableMark(*answers.front()->reply));
    }
    return lines;
}

// What the routers' quotes told of the probes, under the hop's lines: each responder's latest
// quote, once; and under the destination, the TTL its answer came back with.
std::vector<std::string> quoteLines(const std::vector<ProbeEvent> &events, std::uint8_t sent)
{
    std::vector<std::pair<IpAddress, ProbeQuote>> latest;
    std::optional<int> destinationTtl;
    for (const ProbeEvent &event : events) {
        if (event.reply && event.reply->kind == ReplyKind::DestinationReply && event.reply->ttl)
            destinationTtl = *event.reply->ttl;
        if (!event.reply || !event.reply->quote)
            continue;
        const auto it = std::find_if(latest.begin(), latest.end(), [&](const auto &entry) {
            return entry.first == event.reply->responder;
        });
        if (it == latest.end())
            latest.emplace_back(event.reply->responder, *event.reply->quote);
        else
            it->second = *event.reply->quote;
    }
    std::vector<ProbeQuote> quotes;
    for (const auto &entry : latest)
        quotes.push_back(entry.second);
    std::vector<std::string> lines;
    for (const std::string &line : replyFindingLines(quotes, destinationTtl, sent))
        lines.push_back(printable(line));
    return lines;
}

} // namespace

void TracePrinter::probeFinished(const ProbeEvent &event)
{
    if (!m_printHops)
        return;
    m_eventsByTtl[event.slot.ttl].push_back(event);
    if (m_owners && event.reply) { // asked now, known by the time its hop is printed
        m_firstSeen.emplace(event.reply->responder.toString(), std::chrono::steady_clock::now());
        m_owners->prefetch({event.reply->responder});
    }
}

OwnerLabels TracePrinter::ownerLabels(const std::vector<ProbeEvent> &events) const
{
    OwnerLabels labels;
    if (!m_owners)
        return labels;
    // A hop's line waits for its owners until a second after its first answer came, never the
    // whole lookup: waits of hops that answered together overlap, and an owner that is late is
    // in the saved path all the same. Hops still to print wait here only once the trace is over.
    constexpr std::chrono::milliseconds kLongestWait{1000};
    std::vector<IpAddress> responders;
    auto deadline = std::chrono::steady_clock::now();
    for (const ProbeEvent &event : events) {
        if (!event.reply)
            continue;
        responders.push_back(event.reply->responder);
        if (const auto seen = m_firstSeen.find(event.reply->responder.toString());
            seen != m_firstSeen.end())
            deadline = std::max(deadline, seen->second + kLongestWait);
    }
    for (const auto &[address, owner] : m_owners->owners(responders, deadline))
        if (const std::string label = asLabel(owner); !label.empty())
            labels[address] = printable(label);
    return labels;
}

void TracePrinter::notice(const std::string &message)
{
    printError("trace: " + message);
}

void TracePrinter::hopSettled(int ttl)
{
    if (!m_printHops)
        return;
    std::vector<ProbeEvent> events = std::move(m_eventsByTtl[ttl]);
    m_eventsByTtl.erase(ttl);
    std::sort(events.begin(), events.end(),
              [](const ProbeEvent &a, const ProbeEvent &b) { return a.slot.index < b.slot.index; });
    m_settled.push_back({ttl, std::move(events)});
    printSettled(false);
}

void TracePrinter::roundFinished(int, const PathModel &, const std::vector<RouteChange> &, double)
{
    printSettled(true);
}

void TracePrinter::printSettled(bool waitForOwners)
{
    while (!m_settled.empty()) {
        const SettledHop &hop = m_settled.front();
        if (m_owners && !waitForOwners) {
            std::vector<IpAddress> responders;
            for (const ProbeEvent &event : hop.events)
                if (event.reply)
                    responders.push_back(event.reply->responder);
            if (!m_owners->finished(responders))
                return; // this line and those after it wait for its owners
        }
        const bool severalFlows =
            std::any_of(hop.events.begin(), hop.events.end(),
                        [](const ProbeEvent &event) { return event.slot.flow > 0; });
        const OwnerLabels owners = ownerLabels(hop.events);
        const std::vector<std::string> lines =
            severalFlows ? flowLines(hop.events, owners)
                         : std::vector<std::string>{singleFlowLine(hop.events, owners)};
        std::string text;
        for (std::size_t i = 0; i < lines.size(); ++i)
            text += (i == 0 ? ttlColumn(hop.ttl) : std::string(5, ' ')) + lines[i] +
                    (i == 0 ? portState(hop.events) : std::string()) + "\n";
        for (const std::string &line : quoteLines(hop.events, m_sentTrafficClass))
            text += std::string(7, ' ') + line + "\n";
        printText(text);
        m_settled.pop_front();
    }
}

} // namespace hopscope::cli
