// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hopscope {

// One entry of the MPLS label stack a router quoted in its answer (RFC 4950), outermost first.
struct MplsLabel
{
    std::uint32_t label = 0;
    int trafficClass = 0; // the three "EXP" bits
    bool bottomOfStack = false;
    int ttl = 0;

    bool operator==(const MplsLabel &) const = default;
};

// Which interface of the answering router an RFC 5837 object describes.
enum class InterfaceRole { Incoming, Subnet, Outgoing, NextHop };

// An RFC 5837 interface information object: whatever of ifIndex, address, name and MTU the router
// chose to tell.
struct InterfaceInformation
{
    InterfaceRole role = InterfaceRole::Incoming;
    std::optional<std::uint32_t> ifIndex;
    std::optional<IpAddress> address;
    std::string name; // printable: control characters and invalid UTF-8 replaced
    std::optional<std::uint32_t> mtu;

    bool operator==(const InterfaceInformation &) const = default;
};

// An extension object of a class Hopscope does not read, kept as it came.
struct ExtensionObject
{
    std::uint8_t classNumber = 0;
    std::uint8_t classType = 0;
    std::vector<std::uint8_t> payload;

    bool operator==(const ExtensionObject &) const = default;
};

// What the RFC 4884 extension structure of an ICMP error said. A malformed structure or object is
// left out with a note saying why; it never makes the message itself unreadable.
struct IcmpExtensions
{
    std::vector<MplsLabel> mpls;
    std::vector<InterfaceInformation> interfaces;
    std::vector<ExtensionObject> unknown;
    std::vector<std::string> notes;

    bool empty() const { return mpls.empty() && interfaces.empty() && unknown.empty(); }
    bool operator==(const IcmpExtensions &) const = default;
};

// The extensions of a time-exceeded, destination-unreachable or parameter-problem message
// (`icmp` from its type byte on). Reads the RFC 4884 length field when the router set it;
// otherwise, as older routers did, looks for a structure after a 128-byte quote and takes it only
// when its version and checksum say it is one.
IcmpExtensions parseIcmpExtensions(std::span<const std::uint8_t> icmp, bool v6);

// The length in bytes of the quoted datagram the RFC 4884 length field gives, or nothing when the
// field is zero (a message from before RFC 4884, or one without extensions).
std::optional<std::size_t> rfc4884QuoteLength(std::span<const std::uint8_t> icmp, bool v6);

// The name a tool prints for an MPLS stack: "[MPLS: Lbl 27121 TC 4 S 0 TTL 1]" per entry, as mtr.
std::string mplsText(const std::vector<MplsLabel> &labels);

// "100/17": the labels of a stack, outermost first, as table and CSV cells show them.
std::string mplsCell(const std::vector<MplsLabel> &labels);

// "in 3 eth0 10.0.0.1 mtu 1500": the parts an interface object carried.
std::string interfaceText(const InterfaceInformation &interface);

} // namespace hopscope
