// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "owner/cymru.h"

#include "common/safetext.h"

#include <algorithm>
#include <charconv>

namespace hopscope {

namespace {

constexpr std::size_t kLongestAsName = 200;

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> fields(std::string_view record)
{
    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t bar = record.find('|');
        parts.push_back(trimmed(record.substr(0, bar)));
        if (bar == std::string_view::npos)
            return parts;
        record.remove_prefix(bar + 1);
    }
}

// A quote of answer text for a message: printable and short.
std::string quoted(std::string_view text)
{
    constexpr std::size_t kShown = 80;
    std::string shown = printable(text.substr(0, kShown));
    if (text.size() > kShown)
        shown += "...";
    return "\"" + shown + "\"";
}

std::optional<std::uint32_t> asNumber(std::string_view text)
{
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0)
        return std::nullopt;
    return value;
}

// "198.18.0.0/15" in its canonical spelling, or nothing when it is not a prefix.
std::optional<std::pair<std::string, int>> prefixOf(std::string_view text)
{
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    const auto address = IpAddress::parse(text.substr(0, slash));
    int length = -1;
    const std::string_view bits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), length);
    if (!address || error != std::errc() || end != bits.data() + bits.size() || length < 0 ||
        length > static_cast<int>(address->size() * 8))
        return std::nullopt;
    return std::pair{address->toString() + "/" + std::to_string(length), length};
}

std::optional<std::string> countryCode(std::string_view text)
{
    if (text.empty())
        return std::string();
    if (text.size() != 2 || !std::all_of(text.begin(), text.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }))
        return std::nullopt;
    std::string code(text);
    for (char &c : code)
        c = static_cast<char>(c & ~0x20);
    return code;
}

Error malformed(std::string_view record, const std::string &why)
{
    return Error{ErrorCode::Malformed, "the answer " + quoted(record) + " " + why};
}

} // namespace

std::string cymruOriginQuery(const IpAddress &address)
{
    const IpAddress canonical = address.canonical();
    const std::uint8_t *bytes = canonical.data();
    std::string name;
    if (canonical.isV4()) {
        for (int i = 3; i >= 0; --i)
            name += std::to_string(bytes[i]) + ".";
        return name + "origin.asn.cymru.com";
    }
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
        name += kHex[bytes[i] & 0x0f];
        name += '.';
        name += kHex[bytes[i] >> 4];
        name += '.';
    }
    return name + "origin6.asn.cymru.com";
}

std::string cymruAsQuery(std::uint32_t asn)
{
    return "AS" + std::to_string(asn) + ".asn.cymru.com";
}

Expected<CymruOrigin> parseCymruOrigin(const std::vector<std::string> &records)
{
    if (records.empty())
        return Error{ErrorCode::NotFound, "no AS announces the address"};
    std::optional<CymruOrigin> best;
    int bestLength = -1;
    for (const std::string &record : records) {
        const auto parts = fields(record);
        if (parts.size() < 3)
            return malformed(record, "has " + std::to_string(parts.size()) +
                                         " fields separated by '|' where 3 or more were expected");
        // Several ASes announcing one prefix are listed with spaces: the first stands for all.
        const std::string_view asns = parts[0];
        const auto asn = asNumber(asns.substr(0, asns.find(' ')));
        if (!asn)
            return malformed(record, "does not start with an AS number");
        const auto prefix = prefixOf(parts[1]);
        if (!prefix)
            return malformed(record, "names no prefix in its second field");
        const auto country = countryCode(parts[2]);
        if (!country)
            return malformed(record, "names no two-letter country in its third field");
        if (prefix->second > bestLength) {
            best = CymruOrigin{*asn, prefix->first, *country};
            bestLength = prefix->second;
        }
    }
    return *best;
}

Expected<std::string> parseCymruAsName(const std::vector<std::string> &records)
{
    if (records.empty())
        return Error{ErrorCode::NotFound, "the AS has no name"};
    const std::string &record = records.front();
    const auto parts = fields(record);
    if (parts.size() < 5 || !asNumber(parts[0]))
        return malformed(record, "is not an AS number followed by four fields separated by '|'");
    // The name is the rest of the record, '|' included should a name ever hold one.
    std::size_t at = 0;
    for (int bar = 0; bar < 4; ++bar)
        at = record.find('|', at) + 1;
    // Cut before it is made printable, so that a character cut in two shows as '?'.
    std::string name =
        printable(trimmed(std::string_view(record).substr(at)).substr(0, kLongestAsName));
    if (name.empty())
        return malformed(record, "names no AS");
    return name;
}

} // namespace hopscope
