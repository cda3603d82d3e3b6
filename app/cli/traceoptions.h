// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"
#include "telemetry/dogstatsdsender.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hopscope::cli {

// Reads an integer option; empty when absent. Sets `error` when present but not a number.
std::optional<int> intOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                             std::string &error);

// The options of every command that traces (trace, monitor): what to probe and how.
class TraceOptions
{
public:
    TraceOptions();
    void addTo(QCommandLineParser &parser) const;
    // The request for `host`; `error` names the first bad option.
    TraceRequest read(const QCommandLineParser &parser, const QString &host,
                      std::string &error) const;

private:
    QCommandLineOption m_protocol, m_port, m_sourcePort, m_maxTtl, m_timeout, m_queries, m_flows,
        m_mode, m_rate, m_ipv4, m_ipv6, m_unprivileged, m_noDns;
};

// --statsd HOST:PORT and --tags a:b,c:d: where to send the Network Path metrics, and with what.
class TelemetryOptions
{
public:
    TelemetryOptions();
    void addTo(QCommandLineParser &parser) const;
    // The user's tags; `error` names a bad one.
    std::vector<std::string> tags(const QCommandLineParser &parser, std::string &error) const;
    // A sender when --statsd was given and could be set up. A DogStatsD address that cannot be
    // used never stops a trace: it is reported once on stderr and the trace runs without.
    std::unique_ptr<MetricSender> openSender(const QCommandLineParser &parser,
                                             const std::string &command) const;

private:
    QCommandLineOption m_statsd, m_tags;
};

} // namespace hopscope::cli
