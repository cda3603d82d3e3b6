// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "owner/ownerlookup.h"
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
    // A saved request gone on with (monitor --resume): how to probe may change (--unprivileged,
    // --no-dns), what is probed may not; `error` names an option that would change it.
    TraceRequest readOnto(const QCommandLineParser &parser, TraceRequest saved,
                          const std::string &why, std::string &error) const;
    const QCommandLineOption &noDns() const { return m_noDns; }

private:
    QCommandLineOption m_protocol, m_port, m_sourcePort, m_maxTtl, m_timeout, m_queries, m_flows,
        m_mode, m_rate, m_tos, m_dscp, m_ipv4, m_ipv6, m_unprivileged, m_noDns;
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

// --mmdb FILE (repeatable) and --no-asn: where to learn whose network each hop is in.
class OwnerOptions
{
public:
    OwnerOptions();
    void addTo(QCommandLineParser &parser) const;
    // The lookup the options ask for: the databases given, then Team Cymru over DNS unless
    // --no-asn or --no-dns (`noDns`, for a command that has it) says no, or the window's
    // setting has turned network lookups off. `error` names a database that cannot be used.
    std::shared_ptr<OwnerLookup> open(const QCommandLineParser &parser,
                                      const QCommandLineOption *noDns, std::string &error) const;
    // Files: adds the owners their writers did not give, as far as `lookup` (may be null) finds
    // them within kFileOwnerBudget; tells its problems, as `command`'s, and keeps the answers.
    void addMissingOwners(std::vector<NetworkPath> &paths,
                          const std::shared_ptr<OwnerLookup> &lookup,
                          const std::string &command) const;
    // Keeps what `lookup` learnt over the network in the history database, for later runs; a
    // database that cannot be used is passed over in silence (it is only a cache).
    void keep(const std::shared_ptr<OwnerLookup> &lookup) const;
    // --no-asn: nothing about the path may leave this machine, hostnames' lookups included.
    bool keepsPathLocal(const QCommandLineParser &parser) const { return parser.isSet(m_noAsn); }

private:
    QCommandLineOption m_mmdb, m_noAsn;
};

} // namespace hopscope::cli
