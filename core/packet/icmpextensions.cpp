// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/icmpextensions.h"

#include "common/safetext.h"
#include "packet/bytes.h"
#include "packet/checksum.h"

namespace hopscope {

namespace {

constexpr std::size_t kIcmpHeaderBytes = 8;
// RFC 4884 section 5.1: with extensions, the quote is padded to at least 128 bytes.
constexpr std::size_t kMinimumQuoteBytes = 128;
constexpr std::size_t kStructureHeaderBytes = 4;
constexpr std::size_t kObjectHeaderBytes = 4;
constexpr int kStructureVersion = 2;
constexpr std::uint8_t kClassMpls = 1;
constexpr std::uint8_t kTypeIncomingMplsStack = 1;
constexpr std::uint8_t kClassInterfaceInformation = 2;
// RFC 5837 section 4.1: the C-Type's flags of the parts that follow, in this order.
constexpr std::uint8_t kHasIfIndex = 0x08;
constexpr std::uint8_t kHasAddress = 0x04;
constexpr std::uint8_t kHasName = 0x02;
constexpr std::uint8_t kHasMtu = 0x01;
constexpr std::size_t kMaximumNameBytes = 64;
constexpr std::uint16_t kAfiIpv4 = 1;
constexpr std::uint16_t kAfiIpv6 = 2;

bool carriesExtensions(std::uint8_t type, bool v6)
{
    if (v6)
        return type == 1 || type == 3; // destination unreachable, time exceeded (RFC 4884 4.6)
    return type == 3 || type == 11 || type == 12;
}

std::vector<MplsLabel> readMplsStack(std::span<const std::uint8_t> payload,
                                     std::vector<std::string> &notes)
{
    std::vector<MplsLabel> stack;
    if (payload.empty() || payload.size() % 4 != 0) {
        notes.push_back("MPLS label stack of " + std::to_string(payload.size()) +
                        " bytes, not a multiple of 4: left out");
        return stack;
    }
    const ByteReader reader(payload);
    for (std::size_t at = 0; at < payload.size(); at += 4) {
        const std::uint32_t entry = *reader.u32(at);
        stack.push_back({entry >> 12, static_cast<int>(entry >> 9 & 0x7), (entry >> 8 & 1) != 0,
                         static_cast<int>(entry & 0xff)});
    }
    return stack;
}

std::optional<InterfaceInformation> readInterface(std::uint8_t classType,
                                                  std::span<const std::uint8_t> payload,
                                                  std::vector<std::string> &notes)
{
    const ByteReader reader(payload);
    InterfaceInformation interface;
    interface.role = static_cast<InterfaceRole>(classType >> 6);
    std::size_t at = 0;
    const auto bad = [&](const std::string &why) {
        notes.push_back("interface information object: " + why + ": left out");
        return std::nullopt;
    };
    if (classType & kHasIfIndex) {
        const auto index = reader.u32(at);
        if (!index)
            return bad("ifIndex cut short");
        interface.ifIndex = *index;
        at += 4;
    }
    if (classType & kHasAddress) {
        const auto family = reader.u16(at);
        const std::size_t bytes = family == kAfiIpv4 ? 4 : family == kAfiIpv6 ? 16 : 0;
        if (!family || bytes == 0)
            return bad("address family " + (family ? std::to_string(*family) : "missing") +
                       " is neither IPv4 (1) nor IPv6 (2)");
        if (at + 4 + bytes > payload.size())
            return bad("address cut short");
        const std::uint8_t *address = payload.data() + at + 4;
        interface.address = bytes == 4 ? IpAddress::v4(address) : IpAddress::v6(address);
        at += 4 + bytes;
    }
    if (classType & kHasName) {
        const auto length = reader.u8(at);
        // The length counts itself and is a multiple of 4 (RFC 5837 section 4.4).
        if (!length || *length < 4 || *length % 4 != 0 || *length > kMaximumNameBytes ||
            at + *length > payload.size())
            return bad("name length out of range");
        std::string name(payload.begin() + static_cast<long>(at) + 1,
                         payload.begin() + static_cast<long>(at) + *length);
        name.erase(name.find_last_not_of('\0') + 1);
        interface.name = printable(name);
        at += *length;
    }
    if (classType & kHasMtu) {
        const auto mtu = reader.u32(at);
        if (!mtu)
            return bad("MTU cut short");
        interface.mtu = *mtu;
        at += 4;
    }
    if (at != payload.size())
        return bad(std::to_string(payload.size() - at) + " bytes more than its flags announce");
    return interface;
}

void readObjects(std::span<const std::uint8_t> objects, IcmpExtensions &extensions)
{
    const ByteReader reader(objects);
    std::size_t at = 0;
    while (at < objects.size()) {
        const auto length = reader.u16(at);
        const auto classNumber = reader.u8(at + 2);
        const auto classType = reader.u8(at + 3);
        if (!length || !classNumber || !classType || *length < kObjectHeaderBytes ||
            at + *length > objects.size()) {
            extensions.notes.push_back("extension object at byte " + std::to_string(at) +
                                       " has a length that does not fit: the rest left out");
            return;
        }
        const auto payload = objects.subspan(at + kObjectHeaderBytes, *length - kObjectHeaderBytes);
        if (*classNumber == kClassMpls && *classType == kTypeIncomingMplsStack) {
            for (const MplsLabel &label : readMplsStack(payload, extensions.notes))
                extensions.mpls.push_back(label);
        } else if (*classNumber == kClassInterfaceInformation) {
            if (auto interface = readInterface(*classType, payload, extensions.notes))
                extensions.interfaces.push_back(std::move(*interface));
        } else {
            extensions.unknown.push_back(
                {*classNumber, *classType,
                 std::vector<std::uint8_t>(payload.begin(), payload.end())});
        }
        at += *length;
    }
}

} // namespace

std::optional<std::size_t> rfc4884QuoteLength(std::span<const std::uint8_t> icmp, bool v6)
{
    if (icmp.size() < kIcmpHeaderBytes || !carriesExtensions(icmp[0], v6))
        return std::nullopt;
    // ICMPv4 counts 32-bit words in byte 5, ICMPv6 64-bit words in byte 4.
    const std::size_t words = v6 ? icmp[4] : icmp[5];
    if (words == 0)
        return std::nullopt;
    return words * (v6 ? 8 : 4);
}

IcmpExtensions parseIcmpExtensions(std::span<const std::uint8_t> icmp, bool v6)
{
    IcmpExtensions extensions;
    if (icmp.size() < kIcmpHeaderBytes || !carriesExtensions(icmp[0], v6))
        return extensions;
    const auto body = icmp.subspan(kIcmpHeaderBytes);
    const auto quoteLength = rfc4884QuoteLength(icmp, v6);
    if (quoteLength && *quoteLength > body.size()) {
        extensions.notes.push_back("the RFC 4884 length (" + std::to_string(*quoteLength) +
                                   " bytes) is longer than the message: extensions left out");
        return extensions;
    }
    const std::size_t start = std::max(quoteLength.value_or(0), kMinimumQuoteBytes);
    if (body.size() < start + kStructureHeaderBytes) {
        if (quoteLength && body.size() > *quoteLength)
            extensions.notes.push_back("bytes after the quote too few for an extension structure");
        return extensions;
    }
    const auto structure = body.subspan(start);
    const int version = structure[0] >> 4;
    const std::uint16_t checksum = static_cast<std::uint16_t>(structure[2] << 8 | structure[3]);
    const bool checksumHolds = internetChecksum(structure) == 0;
    if (!quoteLength) {
        // Without the length field the bytes after 128 may just be more of a long probe: only a
        // structure that proves itself counts, and nothing is said about one that does not.
        if (version != kStructureVersion || checksum == 0 || !checksumHolds)
            return extensions;
    } else if (version != kStructureVersion) {
        extensions.notes.push_back("extension structure of version " + std::to_string(version) +
                                   ", not 2: left out");
        return extensions;
    } else if (checksum != 0 && !checksumHolds) {
        extensions.notes.push_back("extension structure checksum does not match: left out");
        return extensions;
    }
    readObjects(structure.subspan(kStructureHeaderBytes), extensions);
    return extensions;
}

std::string mplsCell(const std::vector<MplsLabel> &labels)
{
    std::string cell;
    for (const MplsLabel &label : labels)
        cell += (cell.empty() ? "" : "/") + std::to_string(label.label);
    return cell;
}

std::string mplsText(const std::vector<MplsLabel> &labels)
{
    std::string text;
    for (const MplsLabel &label : labels) {
        if (!text.empty())
            text += ' ';
        text += "[MPLS: Lbl " + std::to_string(label.label) + " TC " +
                std::to_string(label.trafficClass) + " S " +
                std::to_string(label.bottomOfStack ? 1 : 0) + " TTL " + std::to_string(label.ttl) +
                "]";
    }
    return text;
}

std::string interfaceText(const InterfaceInformation &interface)
{
    static constexpr const char *kRoles[] = {"in", "subnet", "out", "next-hop"};
    std::string text = kRoles[static_cast<int>(interface.role) & 3];
    if (interface.ifIndex)
        text += " ifindex " + std::to_string(*interface.ifIndex);
    if (!interface.name.empty())
        text += " " + interface.name;
    if (interface.address)
        text += " " + interface.address->toString();
    if (interface.mtu)
        text += " mtu " + std::to_string(*interface.mtu);
    return text;
}

} // namespace hopscope
