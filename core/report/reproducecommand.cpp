// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/reproducecommand.h"

#include <algorithm>

namespace hopscope {

std::string shellQuote(std::string_view word)
{
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == ':' || c == '-' || c == '_' || c == '/' || c == '[' || c == ']';
    });
    if (plain)
        return std::string(word);
    std::string quoted = "'";
    for (const char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string reproduceCommand(const NetworkPath &path)
{
    if (!path.hopscope || !path.hopscope->request)
        return {};
    const TraceRequest &request = *path.hopscope->request;
    const TraceRequest defaults;
    const bool session = path.hopscope->monitor.has_value();
    std::string command = std::string("hopscope-cli ") + (session ? "monitor " : "trace ") +
                          shellQuote(request.target);
    const auto option = [&command](const char *name, auto value) {
        command += std::string(" --") + name + " " + std::to_string(value);
    };
    std::string protocol(protocolName(request.protocol));
    std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    command += " --protocol " + protocol;
    if (request.port)
        option("port", *request.port);
    if (request.sourcePort)
        option("source-port", *request.sourcePort);
    if (request.maxTtl != defaults.maxTtl)
        option("max-ttl", request.maxTtl);
    if (request.timeoutMs != defaults.timeoutMs)
        option("timeout", request.timeoutMs);
    if (request.queries != defaults.queries)
        option("queries", request.queries);
    if (request.flows != defaults.flows)
        option("flows", request.flows);
    if (request.mode != defaults.mode)
        command += " --mode " + std::string(traceModeName(request.mode));
    if (request.rate)
        option("rate", *request.rate);
    if (request.trafficClass != 0)
        option("tos", request.trafficClass);
    if (request.findPathMtu)
        command += " --mtu";
    if (request.family == AddressFamily::IPv4)
        command += " -4";
    else if (request.family == AddressFamily::IPv6)
        command += " -6";
    if (!request.resolveHostnames)
        command += " --no-dns";
    if (request.unprivileged)
        command += " --unprivileged";
    if (session && path.hopscope->monitor->intervalMs > 0)
        option("interval", path.hopscope->monitor->intervalMs);
    return command;
}

} // namespace hopscope
