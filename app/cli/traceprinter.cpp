#include "traceprinter.h"

#include "clioutput.h"
#include "packet/tcpsyn.h"

#include <algorithm>
#include <cstdio>

namespace hopscope::cli {

namespace {

std::string answerMark(const ProbeReply &reply)
{
    if (reply.unreachable && *reply.unreachable != UnreachableKind::Port)
        return std::string(" ") + std::string(unreachableFlag(*reply.unreachable));
    if (reply.kind == ReplyKind::DestinationReply && reply.tcpFlags) {
        if ((reply.tcpFlags & kTcpFlagSyn) && (reply.tcpFlags & kTcpFlagAck))
            return " [open]";
        if (reply.tcpFlags & kTcpFlagRst)
            return " [closed]";
    }
    return {};
}

} // namespace

void TracePrinter::probeFinished(const ProbeEvent &event)
{
    m_eventsByTtl[event.slot.ttl].push_back(event);
}

void TracePrinter::hopSettled(int ttl)
{
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
        line += rtt + answerMark(*event.reply);
    }
    printOut(line + "\n");
}

} // namespace hopscope::cli
