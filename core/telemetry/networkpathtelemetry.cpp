// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "telemetry/networkpathtelemetry.h"

#include <algorithm>

namespace hopscope {

namespace {

constexpr std::size_t kMaxTagLength = 200;

// DogStatsD lines are split on '|' and new lines, tags on ','.
bool breaksDogStatsdLine(char c)
{
    return c == '|' || c == '#' || c == ',' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
}

// A value from the user, the network or a resolver must not add sections or tags of its own.
std::string tagValue(std::string_view text)
{
    std::string value(text);
    std::replace_if(value.begin(), value.end(), breaksDogStatsdLine, '_');
    return value;
}

} // namespace

void submitNetworkPathTelemetry(MetricSender &sender, const PathModel &model,
                                double checkDurationSeconds, double checkIntervalSeconds,
                                const std::vector<std::string> &tags)
{
    const NetworkPath &path = model.header();
    std::vector<std::string> allTags = tags;
    allTags.push_back("collector:hopscope");
    allTags.push_back("protocol:" + std::string(protocolName(path.protocol)));
    allTags.push_back("destination_hostname:" + tagValue(path.destination.hostname));
    allTags.push_back("destination_port:" + (path.destination.port
                                                 ? std::to_string(*path.destination.port)
                                                 : std::string("unspecified")));
    std::sort(allTags.begin(), allTags.end());

    sender.gauge("datadog.network_path.check_duration", checkDurationSeconds, allTags);
    if (checkIntervalSeconds > 0)
        sender.gauge("datadog.network_path.check_interval", checkIntervalSeconds, allTags);
    sender.gauge("datadog.network_path.path.monitored", 1, allTags);
    if (!model.hops().empty()) {
        const bool reached = model.destinationTtl().has_value();
        if (reached)
            sender.gauge("datadog.network_path.path.hops", *model.destinationTtl(), allTags);
        sender.gauge("datadog.network_path.path.reachable", reached ? 1 : 0, allTags);
        sender.gauge("datadog.network_path.path.unreachable", reached ? 0 : 1, allTags);
    }
    sender.flush();
}

Expected<std::vector<std::string>> parseTags(const std::string &text)
{
    std::vector<std::string> tags;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const std::string tag = text.substr(start, end - start);
        if (tag.empty())
            return Error{ErrorCode::InvalidTag, "empty tag in '" + text + "'"};
        if (tag.size() > kMaxTagLength)
            return Error{ErrorCode::InvalidTag, "tag '" + tag.substr(0, 40) +
                                                    "...' is longer than " +
                                                    std::to_string(kMaxTagLength) + " characters"};
        if (std::any_of(tag.begin(), tag.end(), breaksDogStatsdLine))
            return Error{ErrorCode::InvalidTag,
                         "tag '" + tag +
                             "' holds a character DogStatsD cannot carry "
                             "('|', '#', ',', space or a control character)"};
        tags.push_back(tag);
        start = end + 1;
    }
    return tags;
}

} // namespace hopscope
