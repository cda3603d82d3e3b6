// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "traceoptions.h"

#include "client/dnstxtresolver.h"
#include "client/ownerlookupsettings.h"
#include "clioutput.h"
#include "owner/pathowners.h"
#include "store/historystore.h"
#include "telemetry/networkpathtelemetry.h"

#include <QDateTime>

namespace hopscope::cli {

namespace {

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Reads a port option (1-65535); empty when absent or wrong, with `error` set when wrong.
std::optional<std::uint16_t> portOption(const QCommandLineParser &parser,
                                        const QCommandLineOption &option, std::string &error)
{
    const auto value = intOption(parser, option, error);
    if (!value)
        return std::nullopt;
    if (*value < 1 || *value > 65535) {
        error = "--" + option.names().constLast().toStdString() +
                " must be between 1 and 65535 (got " + std::to_string(*value) + ")";
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(*value);
}

QCommandLineOption valueOption(const char *name, const char *description, const char *valueName,
                               const QString &defaultValue = {})
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                              QString::fromLatin1(valueName), defaultValue);
}

QCommandLineOption flagOption(const char *name, const char *description)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description));
}

} // namespace

std::optional<int> intOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                             std::string &error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    const QString text = parser.value(option);
    const int value = text.toInt(&ok);
    if (ok)
        return value;
    if (error.empty())
        error = "--" + option.names().constLast().toStdString() + ": '" + text.toStdString() +
                "' is not a whole number";
    return std::nullopt;
}

TraceOptions::TraceOptions()
    : m_protocol(valueOption("protocol",
                             "Probe protocol: tcp (SYN, the default), udp or icmp (echo).",
                             "PROTOCOL", QStringLiteral("tcp"))),
      m_port(valueOption("port", "Destination port (default 443 for tcp, 33434 for udp).", "N")),
      m_sourcePort(valueOption(
          "source-port",
          "Source port of the first flow; further flows count up from it (default: chosen by "
          "the system).",
          "N")),
      m_maxTtl(valueOption("max-ttl", "Highest TTL to probe, 1-255 (default 30).", "N")),
      m_timeout(valueOption("timeout", "How long to wait for a reply, 10-60000 ms (default 1000).",
                            "MS")),
      m_queries(
          valueOption("queries", "Probes per TTL, 1-10 (default 3; monitor: 1 a round).", "N")),
      m_flows(valueOption("flows", "Flows with distinct source ports, 1-32 (default 1).", "N")),
      m_mode(valueOption(
          "mode", "parallel (default: all TTLs at once) or sequential (one probe at a time).",
          "MODE", QStringLiteral("parallel"))),
      m_rate(valueOption(
          "rate",
          "Send at most N probes per second, 1-10000 (default: as fast as the answers allow).",
          "N")),
      m_tos(valueOption("tos",
                        "The probes' TOS byte (IPv4) or traffic class (IPv6), 0-255: DSCP in the "
                        "upper six bits, ECN in the lower two (default 0). Routers that quote "
                        "another value show where it was rewritten.",
                        "N")),
      m_dscp(valueOption("dscp", "The probes' DSCP, 0-63 (--tos with ECN 0).", "N")),
      m_ipv4(flagOption("4", "Use IPv4 only.")), m_ipv6(flagOption("6", "Use IPv6 only.")),
      m_unprivileged(flagOption("unprivileged",
                                "Probe without raw sockets even when they are allowed (chosen by "
                                "itself when they are not).")),
      m_noDns(flagOption("no-dns", "Look up no hop hostnames and no AS over DNS (databases "
                                   "given with --mmdb still answer; HOST is still resolved)."))
{
}

void TraceOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_protocol, m_port, m_sourcePort, m_maxTtl, m_timeout, m_queries, m_flows,
                       m_mode, m_rate, m_tos, m_dscp, m_ipv4, m_ipv6, m_unprivileged, m_noDns});
}

TraceRequest TraceOptions::read(const QCommandLineParser &parser, const QString &host,
                                std::string &error) const
{
    TraceRequest request;
    request.target = host.toStdString();
    const auto protocolValue = parseProtocol(parser.value(m_protocol).toStdString());
    if (!protocolValue)
        error =
            "--protocol: '" + parser.value(m_protocol).toStdString() + "' is not tcp, udp or icmp";
    else
        request.protocol = *protocolValue;
    const auto modeValue = parseTraceMode(parser.value(m_mode).toStdString());
    if (!modeValue)
        error =
            "--mode: '" + parser.value(m_mode).toStdString() + "' is not parallel or sequential";
    else
        request.mode = *modeValue;
    request.port = portOption(parser, m_port, error);
    request.sourcePort = portOption(parser, m_sourcePort, error);
    request.maxTtl = intOption(parser, m_maxTtl, error).value_or(request.maxTtl);
    request.timeoutMs = intOption(parser, m_timeout, error).value_or(request.timeoutMs);
    request.queries = intOption(parser, m_queries, error).value_or(request.queries);
    request.flows = intOption(parser, m_flows, error).value_or(request.flows);
    request.rate = intOption(parser, m_rate, error);
    if (parser.isSet(m_tos) && parser.isSet(m_dscp))
        error = "--tos and --dscp exclude each other";
    if (const auto tos = intOption(parser, m_tos, error)) {
        if (*tos < 0 || *tos > 255)
            error = "--tos: " + std::to_string(*tos) + " is not between 0 and 255";
        else
            request.trafficClass = static_cast<std::uint8_t>(*tos);
    }
    if (const auto dscp = intOption(parser, m_dscp, error)) {
        if (*dscp < 0 || *dscp > 63)
            error = "--dscp: " + std::to_string(*dscp) + " is not between 0 and 63";
        else
            request.trafficClass = static_cast<std::uint8_t>(*dscp << 2);
    }
    if (parser.isSet(m_ipv4) && parser.isSet(m_ipv6))
        error = "-4 and -6 exclude each other";
    request.family = parser.isSet(m_ipv4)   ? AddressFamily::IPv4
                     : parser.isSet(m_ipv6) ? AddressFamily::IPv6
                                            : AddressFamily::Any;
    request.resolveHostnames = !parser.isSet(m_noDns);
    request.unprivileged = parser.isSet(m_unprivileged);
    return request;
}

TraceRequest TraceOptions::readOnto(const QCommandLineParser &parser, TraceRequest saved,
                                    const std::string &why, std::string &error) const
{
    for (const QCommandLineOption *fixed :
         {&m_protocol, &m_port, &m_sourcePort, &m_maxTtl, &m_timeout, &m_queries, &m_flows, &m_mode,
          &m_rate, &m_tos, &m_dscp, &m_ipv4, &m_ipv6}) {
        if (parser.isSet(*fixed) && error.empty()) {
            const QString name = fixed->names().constFirst();
            error =
                (name.size() == 1 ? "-" : "--") + name.toStdString() + " cannot be given " + why;
        }
    }
    saved.resolveHostnames = saved.resolveHostnames && !parser.isSet(m_noDns);
    saved.unprivileged = saved.unprivileged || parser.isSet(m_unprivileged);
    return saved;
}

TelemetryOptions::TelemetryOptions()
    : m_statsd(valueOption(
          "statsd",
          "After each trace, send the Datadog Network Path metrics to this DogStatsD server over "
          "UDP (for example 127.0.0.1:8125).",
          "HOST:PORT")),
      m_tags(valueOption(
          "tags", "Tags for the metrics and the NetworkPath, comma-separated (a:b,c:d).", "TAGS"))
{
}

void TelemetryOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_statsd, m_tags});
}

std::vector<std::string> TelemetryOptions::tags(const QCommandLineParser &parser,
                                                std::string &error) const
{
    if (!parser.isSet(m_tags))
        return {};
    auto tags = parseTags(parser.value(m_tags).toStdString());
    if (!tags) {
        error = "--tags: " + tags.error().message;
        return {};
    }
    return std::move(*tags);
}

std::unique_ptr<MetricSender> TelemetryOptions::openSender(const QCommandLineParser &parser,
                                                           const std::string &command) const
{
    if (!parser.isSet(m_statsd))
        return nullptr;
    auto sender = DogStatsdSender::open(
        parser.value(m_statsd).toStdString(),
        [command](const std::string &problem) { printError(command + ": " + problem); });
    if (!sender) {
        printError(command + ": " + sender.error().message + "; no metrics will be sent");
        return nullptr;
    }
    return std::move(*sender);
}

OwnerOptions::OwnerOptions()
    : m_mmdb(valueOption("mmdb",
                         "Find each hop's AS and country in this MaxMind-format database "
                         "(GeoLite2, DB-IP Lite, IPinfo Lite); asked before any network "
                         "lookup. Repeat for several.",
                         "FILE")),
      m_noAsn(flagOption("no-asn", "Look nothing up about the path over the network: neither the "
                                   "hops' AS (Team Cymru's DNS service) nor their hostnames. "
                                   "Databases given with --mmdb still answer. (With the window's "
                                   "Trace > Look Up Hop Owners Online off, no AS is looked up "
                                   "over the network either.)"))
{
}

void OwnerOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_mmdb, m_noAsn});
}

std::shared_ptr<OwnerLookup> OwnerOptions::open(const QCommandLineParser &parser,
                                                const QCommandLineOption *noDns,
                                                std::string &error) const
{
    OwnerSources sources;
    for (const QString &file : parser.values(m_mmdb)) {
        auto database = MmdbDatabase::open(file.toStdString());
        if (!database) {
            error = "--mmdb: " + database.error().message;
            return nullptr;
        }
        sources.databases.push_back(std::move(*database));
    }
    if (!parser.isSet(m_noAsn) && !(noDns && parser.isSet(*noDns)) &&
        loadOwnerLookupSettings().online)
        sources.txt = systemTxtQuery();
    if (sources.databases.empty() && !sources.txt)
        return nullptr;
    auto lookup = std::make_shared<OwnerLookup>(std::move(sources));
    if (lookup->asksTheNetwork())
        if (const auto store = HistoryStore::open(HistoryStore::defaultFileName()))
            if (const auto kept = (*store)->keptOwners(nowMs() - kKeptOwnerLifeMs))
                lookup->remember(*kept);
    return lookup;
}

void OwnerOptions::addMissingOwners(std::vector<NetworkPath> &paths,
                                    const std::shared_ptr<OwnerLookup> &lookup,
                                    const std::string &command) const
{
    if (!lookup)
        return;
    if (const std::string leftOut = lookUpMissingOwners(paths, *lookup); !leftOut.empty())
        printError(command + ": " + leftOut);
    for (const std::string &problem : lookup->takeProblems())
        printError(command + ": " + problem);
    keep(lookup);
}

void OwnerOptions::keep(const std::shared_ptr<OwnerLookup> &lookup) const
{
    if (!lookup || !lookup->asksTheNetwork())
        return;
    const auto learned = lookup->learned();
    if (learned.empty())
        return;
    if (const auto store = HistoryStore::open(HistoryStore::defaultFileName()))
        (void)(*store)->keepOwners(learned);
}

} // namespace hopscope::cli
