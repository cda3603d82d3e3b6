// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/safetext.h"

#include <cstdint>

namespace hopscope {

namespace {

// The length of the valid UTF-8 sequence at `text[at]` and its code point, or 0 when the bytes
// there are not one (a stray continuation byte, an overlong form, a surrogate, a cut sequence).
std::size_t utf8Sequence(std::string_view text, std::size_t at, std::uint32_t &codePoint)
{
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[at + i]); };
    const std::uint8_t lead = byte(0);
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
        codePoint = lead;
        return 1;
    }
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        codePoint = lead & 0x1fu;
        minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        codePoint = lead & 0x0fu;
        minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        codePoint = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xc0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (byte(i) & 0x3fu);
    }
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
        return 0;
    return length;
}

bool isControl(std::uint32_t codePoint)
{
    return codePoint < 0x20 || codePoint == 0x7f || (codePoint >= 0x80 && codePoint <= 0x9f);
}

} // namespace

bool containsControlCharacter(std::string_view text)
{
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t codePoint = 0;
        const std::size_t length = utf8Sequence(text, at, codePoint);
        if (length != 0 && isControl(codePoint))
            return true;
        at += length == 0 ? 1 : length;
    }
    return false;
}

std::string printable(std::string_view text, bool keepLineBreaks)
{
    std::string result;
    result.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t codePoint = 0;
        const std::size_t length = utf8Sequence(text, at, codePoint);
        const bool kept = keepLineBreaks && (codePoint == '\n' || codePoint == '\t');
        if (length == 0 || (isControl(codePoint) && !kept))
            result += '?';
        else
            result.append(text.substr(at, length));
        at += length == 0 ? 1 : length;
    }
    return result;
}

} // namespace hopscope
