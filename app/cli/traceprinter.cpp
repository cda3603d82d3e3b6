#include "traceprinter.h"

#include "clioutput.h"
#include "packet/tcpsyn.h"

#include <algorithm>
#include <cstdio>

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

} // namespace

void TracePrinter::probeFinished(const ProbeEvent &event)
{
    if (m_printHops)
        m_eventsByTtl[event.slot.ttl].push_back(event);
}

void TracePrinter::notice(const std::string &message) { printError("trace: " + message); }

void TracePrinter::hopSettled(int ttl)
{
    if (!m_printHops)
        return;
    std::vector<ProbeEvent> events = std::move(m_eventsByTtl[ttl]);
    m_eventsByTtl.erase(ttl);
    std::sort(events.begin(), events.end(),
              [](const ProbeEvent &a, const ProbeEvent &b) { return a.slot.index < b.slot.index; });
    char number[16];
    std::snprintf(number, sizeof number, "%3d ", ttl);
    std::string line = number;
    std::optional<IpAddress> lastResponder;
    for (const ProbeEvent &event : events) {
        if (!event.reply) {
            line += " *";
            continue;
        }
        if (!lastResponder || *lastResponder != event.reply->responder) {
            line += " " + event.reply->responder.toString();
            lastResponder = event.reply->responder;
        }
        char rtt[32];
        std::snprintf(rtt, sizeof rtt, "  %.3f ms", *event.rttMs());
        line += rtt + unreachableMark(*event.reply);
    }
    printOut(line + portState(events) + "\n");
}

} // namespace hopscope::cli
