// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/probequotejson.h"

#include "common/safetext.h"

#include <nlohmann/json.hpp>

#include <array>

namespace hopscope {

namespace {

using nlohmann::ordered_json;
using namespace jsonfields;

constexpr std::size_t kMaxLabels = 64;
constexpr std::size_t kMaxInterfaces = 8;
constexpr std::size_t kMaxNotes = 8;
constexpr std::int64_t kMaxU32 = 4'294'967'295;
constexpr std::array<const char *, 4> kRoles{"in", "subnet", "out", "next-hop"};

IpAddress requiredAddress(const ObjectView &object, std::string_view key)
{
    const std::string text = object.requiredString(key);
    const auto address = IpAddress::parse(text);
    if (!address)
        fail(ErrorCode::InvalidAddress, object.pointerTo(key),
             "is not an IP address (found \"" + printable(text) + "\")");
    return *address;
}

ordered_json interfaceJson(const InterfaceInformation &interface)
{
    ordered_json object = ordered_json::object();
    object["role"] = kRoles[static_cast<std::size_t>(interface.role) & 3];
    if (interface.ifIndex)
        object["ifindex"] = *interface.ifIndex;
    if (interface.address)
        object["address"] = interface.address->toString();
    if (!interface.name.empty())
        object["name"] = interface.name;
    if (interface.mtu)
        object["mtu"] = *interface.mtu;
    return object;
}

InterfaceInformation readInterface(const ObjectView &object)
{
    InterfaceInformation interface;
    const std::string role = object.requiredString("role");
    std::size_t found = 0;
    while (found < kRoles.size() && role != kRoles[found])
        ++found;
    if (found == kRoles.size())
        fail(ErrorCode::OutOfRange, object.pointerTo("role"),
             "is not an interface role (in, subnet, out, next-hop)");
    interface.role = static_cast<InterfaceRole>(found);
    if (const auto index = object.optionalInteger("ifindex", 0, kMaxU32))
        interface.ifIndex = static_cast<std::uint32_t>(*index);
    if (object.has("address"))
        interface.address = requiredAddress(object, "address");
    interface.name = printable(object.optionalString("name").value_or(std::string()));
    if (interface.name.size() > 63)
        fail(ErrorCode::OutOfRange, object.pointerTo("name"), "longer than 63 bytes");
    if (const auto mtu = object.optionalInteger("mtu", 0, kMaxU32))
        interface.mtu = static_cast<std::uint32_t>(*mtu);
    return interface;
}

} // namespace

using nlohmann::ordered_json;
using namespace jsonfields;

nlohmann::ordered_json mplsLabelsJson(const std::vector<MplsLabel> &labels)
{
    ordered_json array = ordered_json::array();
    for (const MplsLabel &label : labels)
        array.push_back({{"label", label.label},
                         {"tc", label.trafficClass},
                         {"s", label.bottomOfStack},
                         {"ttl", label.ttl}});
    return array;
}

std::vector<MplsLabel> readMplsLabels(const jsonfields::ArrayView &labels)
{
    if (labels.size() > kMaxLabels)
        fail(ErrorCode::OutOfRange, labels.pointer(), "at most 64 labels in a stack");
    std::vector<MplsLabel> stack;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const ObjectView entry = labels.objectAt(i);
        MplsLabel label;
        label.label = static_cast<std::uint32_t>(entry.requiredInteger("label", 0, 1'048'575));
        label.trafficClass = static_cast<int>(entry.optionalInteger("tc", 0, 7).value_or(0));
        label.bottomOfStack = entry.optionalBool("s").value_or(false);
        label.ttl = static_cast<int>(entry.optionalInteger("ttl", 0, 255).value_or(0));
        stack.push_back(label);
    }
    return stack;
}

nlohmann::ordered_json probeQuoteJson(const ProbeQuote &quote)
{
    ordered_json object = ordered_json::object();
    if (quote.source)
        object["source"] = quote.source->toString();
    if (quote.sourcePort)
        object["source_port"] = *quote.sourcePort;
    object["tos"] = quote.trafficClass;
    object["ttl"] = quote.ttl;
    if (quote.nextHopMtu)
        object["next_hop_mtu"] = *quote.nextHopMtu;
    if (!quote.mpls.empty())
        object["mpls_labels"] = mplsLabelsJson(quote.mpls);
    if (!quote.interfaces.empty()) {
        ordered_json interfaces = ordered_json::array();
        for (const InterfaceInformation &interface : quote.interfaces)
            interfaces.push_back(interfaceJson(interface));
        object["interfaces"] = std::move(interfaces);
    }
    if (!quote.notes.empty())
        object["notes"] = quote.notes;
    return object;
}

ProbeQuote readProbeQuote(const jsonfields::ObjectView &object)
{
    ProbeQuote quote;
    if (object.has("source"))
        quote.source = requiredAddress(object, "source");
    if (const auto port = object.optionalInteger("source_port", 0, 65535))
        quote.sourcePort = static_cast<std::uint16_t>(*port);
    quote.trafficClass =
        static_cast<std::uint8_t>(object.optionalInteger("tos", 0, 255).value_or(0));
    quote.ttl = static_cast<std::uint8_t>(object.optionalInteger("ttl", 0, 255).value_or(0));
    if (const auto mtu = object.optionalInteger("next_hop_mtu", 0, kMaxU32))
        quote.nextHopMtu = static_cast<std::uint32_t>(*mtu);
    if (const auto labels = object.optionalArray("mpls_labels"))
        quote.mpls = readMplsLabels(*labels);
    if (const auto interfaces = object.optionalArray("interfaces")) {
        if (interfaces->size() > kMaxInterfaces)
            fail(ErrorCode::OutOfRange, interfaces->pointer(), "at most 8 interfaces");
        for (std::size_t i = 0; i < interfaces->size(); ++i)
            quote.interfaces.push_back(readInterface(interfaces->objectAt(i)));
    }
    if (const auto notes = object.optionalArray("notes")) {
        if (notes->size() > kMaxNotes)
            fail(ErrorCode::OutOfRange, notes->pointer(), "at most 8 notes");
        for (std::size_t i = 0; i < notes->size(); ++i)
            quote.notes.push_back(printable(notes->stringAt(i)));
    }
    return quote;
}

nlohmann::ordered_json pathMtuJson(const PathMtu &mtu)
{
    ordered_json object = ordered_json::object();
    object["first_size"] = mtu.firstSize;
    object["size"] = mtu.size;
    ordered_json drops = ordered_json::array();
    for (const MtuDrop &drop : mtu.drops) {
        ordered_json entry = ordered_json::object();
        entry["ttl"] = drop.ttl;
        entry["router"] = drop.router.toString();
        entry["mtu"] = drop.mtu;
        drops.push_back(std::move(entry));
    }
    object["drops"] = std::move(drops);
    return object;
}

PathMtu readPathMtu(const jsonfields::ObjectView &object)
{
    PathMtu mtu;
    mtu.firstSize =
        static_cast<int>(object.requiredInteger("first_size", kMinMtuV4, kMaxProbeSize));
    mtu.size = static_cast<int>(object.requiredInteger("size", kMinMtuV4, mtu.firstSize));
    if (const auto drops = object.optionalArray("drops")) {
        if (drops->size() > 255)
            fail(ErrorCode::OutOfRange, drops->pointer(), "at most 255 drops");
        int previousMtu = mtu.firstSize;
        for (std::size_t i = 0; i < drops->size(); ++i) {
            const ObjectView entry = drops->objectAt(i);
            MtuDrop drop;
            drop.ttl = static_cast<int>(entry.requiredInteger("ttl", 1, 255));
            drop.router = requiredAddress(entry, "router");
            drop.mtu = static_cast<int>(entry.requiredInteger("mtu", kMinMtuV4, previousMtu - 1));
            previousMtu = drop.mtu;
            mtu.drops.push_back(drop);
        }
    }
    return mtu;
}

} // namespace hopscope
