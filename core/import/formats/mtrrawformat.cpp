// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "import/importsupport.h"

#include <map>

namespace hopscope::formats {

namespace {

using namespace importsupport;

// "m POS LABEL TC S TTL", as mtr's raw output writes an entry of a label stack.
std::optional<MplsLabel> mplsEntry(const std::vector<std::string> &w)
{
    if (w.size() != 6)
        return std::nullopt;
    const auto label = wholeNumber(w[2]);
    const auto trafficClass = wholeNumber(w[3]);
    const auto bottom = wholeNumber(w[4]);
    const auto ttl = wholeNumber(w[5]);
    if (!label || *label < 0 || *label > 0xfffff || !trafficClass || *trafficClass < 0 ||
        *trafficClass > 7 || !bottom || *bottom < 0 || *bottom > 1 || !ttl || *ttl < 0 ||
        *ttl > 255)
        return std::nullopt;
    return MplsLabel{static_cast<std::uint32_t>(*label), *trafficClass, *bottom == 1, *ttl};
}

// `mtr --raw` streams one event per line: "x POS SEQ" a probe sent, "h POS ADDRESS" the
// responder at a position, "d POS NAME" its name, "p POS MICROSECONDS SEQ" a reply, with -e
// "m POS LABEL TC S TTL" an entry of the MPLS label stack the responder quoted (after its "h"
// line, outermost first), and in some versions "t" (TOS) and "s" (size) lines. POS counts from 0:
// the TTL is POS + 1. A probe that was sent and never answered was lost; the file does not name the
// target.
class MtrRawFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "mtr-raw"; }
    std::string_view description() const override { return "mtr --raw"; }
    int recognise(const ImportText &text) const override
    {
        int events = 0;
        for (std::string_view line : text.lines()) {
            line = trimmed(line);
            if (line.empty())
                continue;
            if (line.size() < 3 || line[1] != ' ' ||
                std::string_view("xhdpmts").find(line[0]) == std::string_view::npos)
                return 0;
            if (++events == 20)
                break;
        }
        return events >= 2 ? 85 : 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        ProbePathBuilder builder(Protocol::Icmp);
        std::map<int, std::string> responderAt;
        // The label stack given since the latest "h" line at each position; the builder keeps
        // the first stack of each responder, so a repeated "h" with its "m" lines adds nothing.
        std::map<int, std::vector<MplsLabel>> stackAt;
        const auto describeStack = [&](int ttl) {
            const auto stack = stackAt.find(ttl);
            const auto responder = responderAt.find(ttl);
            if (stack != stackAt.end() && responder != responderAt.end() && !stack->second.empty())
                builder.describeResponder(ttl, responder->second, stack->second);
            stackAt.erase(ttl);
        };
        struct Sent
        {
            int ttl;
            bool answered;
        };
        std::map<long, Sent> sent; // by sequence number
        std::vector<long> order;
        int lineNumber = 0;
        for (std::string_view rawLine : text.lines()) {
            ++lineNumber;
            const auto w = words(rawLine);
            if (w.empty())
                continue;
            const auto position = w.size() >= 3 ? wholeNumber(w[1]) : std::nullopt;
            if (!position || *position < 0 || *position >= kMaxImportedTtl)
                return lineError("mtr --raw", lineNumber,
                                 "expected a type letter, a position from 0 to 254 and a value");
            const int ttl = *position + 1;
            const std::string &kind = w[0];
            if (kind == "x") {
                const auto sequence = wholeNumber(w[2]);
                if (!sequence)
                    return lineError("mtr --raw", lineNumber, "expected a sequence number");
                if (sent.emplace(*sequence, Sent{ttl, false}).second)
                    order.push_back(*sequence);
            } else if (kind == "h") {
                const auto address = addressAsWritten(w[2]);
                if (!address)
                    return lineError("mtr --raw", lineNumber,
                                     "'" + w[2] + "' is not an IP address");
                describeStack(ttl);
                responderAt[ttl] = *address;
            } else if (kind == "m") {
                const auto label = mplsEntry(w);
                if (!label)
                    return lineError("mtr --raw", lineNumber,
                                     "expected 'm POS LABEL TC S TTL' with a label below 2^20, "
                                     "TC 0-7, S 0-1 and TTL 0-255");
                if (!responderAt.contains(ttl))
                    return lineError("mtr --raw", lineNumber,
                                     "an MPLS label at position " + w[1] + " before its 'h' line");
                auto &stack = stackAt[ttl];
                if (stack.size() < 64)
                    stack.push_back(*label);
            } else if (kind == "d") {
                if (const auto it = responderAt.find(ttl); it != responderAt.end())
                    builder.nameResponder(it->second, w[2]);
            } else if (kind == "p") {
                const auto microseconds = wholeNumber(w[2]);
                if (!microseconds || *microseconds < 0)
                    return lineError("mtr --raw", lineNumber,
                                     "expected a round trip in microseconds");
                const auto responder = responderAt.find(ttl);
                if (responder == responderAt.end())
                    return lineError("mtr --raw", lineNumber,
                                     "a reply at position " + w[1] + " before its 'h' line");
                if (w.size() >= 4)
                    if (const auto sequence = wholeNumber(w[3]))
                        if (const auto it = sent.find(*sequence); it != sent.end())
                            it->second.answered = true;
                builder.addReply(ttl, responder->second, *microseconds / 1000.0);
            } else if (kind != "t" && kind != "s") {
                return lineError("mtr --raw", lineNumber,
                                 "unknown event '" + kind + "' (expected x, h, d, p, m, t or s)");
            }
            if (builder.probeCount() + order.size() > kMaxProbesPerTtl * kMaxImportedTtl)
                return lineError("mtr --raw", lineNumber, "too many probes");
        }
        while (!stackAt.empty())
            describeStack(stackAt.begin()->first);
        for (const long sequence : order)
            if (const Sent &probe = sent[sequence]; !probe.answered)
                builder.addTimeout(probe.ttl);
        if (builder.highestTtl() == 0)
            return Error{ErrorCode::InvalidImport, "mtr --raw: no probe in the file"};
        return std::vector<NetworkPath>{builder.build()};
    }
};

} // namespace

std::unique_ptr<PathFormat> mtrRaw()
{
    return std::make_unique<MtrRawFormat>();
}

} // namespace hopscope::formats
