// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "file/targetlist.h"

#include "common/safetext.h"
#include "file/regularfile.h"
#include "import/importsupport.h"
#include "probe/tracerequest.h"

#include <algorithm>

namespace hopscope {

Expected<std::vector<std::string>> parseTargetList(std::string_view text)
{
    std::vector<std::string> targets;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        ++lineNumber;
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        line = importsupport::trimmed(line.substr(0, line.find('#')));
        if (line.empty())
            continue;
        const auto bad = [&](const std::string &what) {
            return Error{ErrorCode::InvalidTarget,
                         "line " + std::to_string(lineNumber) + ": " + what};
        };
        if (containsControlCharacter(line))
            return bad("a control character where a host name or address belongs");
        if (line.find_first_of(" \t") != std::string_view::npos)
            return bad("'" + std::string(line) +
                       "' holds a space: one host name or address a line");
        if (line.size() > kMaxTargetLength)
            return bad("longer than a host name can be (" + std::to_string(kMaxTargetLength) +
                       " characters)");
        if (std::find(targets.begin(), targets.end(), line) != targets.end())
            continue;
        if (targets.size() == kMaxListedTargets)
            return bad("more than " + std::to_string(kMaxListedTargets) + " targets");
        targets.emplace_back(line);
    }
    if (targets.empty())
        return Error{ErrorCode::InvalidTarget, "no target: one host name or address a line"};
    return targets;
}

Expected<std::vector<std::string>> readTargetList(const std::string &fileName)
{
    const auto text = readRegularFile(fileName, kMaxTargetListBytes);
    if (!text)
        return text.error();
    auto targets = parseTargetList(*text);
    if (!targets)
        return Error{targets.error().code, fileName + ", " + targets.error().message};
    return targets;
}

std::string formatTargetList(const std::vector<std::string> &targets)
{
    std::string text = "# Hopscope targets to monitor: one host name or address a line\n";
    for (const std::string &target : targets)
        text += target + '\n';
    return text;
}

} // namespace hopscope
