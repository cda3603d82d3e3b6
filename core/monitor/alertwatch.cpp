// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitor/alertwatch.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace hopscope {

namespace {

Error badRule(std::string_view text, const std::string &why)
{
    return Error{ErrorCode::InvalidRequest,
                 "alert rule \"" + std::string(text) + "\": " + why +
                     " (rules: loss>PERCENT%[/ROUNDS], latency>MSms[/ROUNDS], "
                     "jitter>MSms[/ROUNDS], lost[/ROUNDS], route)"};
}

// "20" of "20%": a number, with nothing left over.
bool readNumber(std::string_view text, double &number)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size() && std::isfinite(number);
}

std::string figure(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

// "the last 5 rounds", "the last round".
std::string lastRounds(int rounds)
{
    return rounds == 1 ? "the last round" : "the last " + std::to_string(rounds) + " rounds";
}

// As the views show round trips: two decimals below 100 ms, so that a loopback's 0.04 ms is not
// said as 0.0.
std::string milliseconds(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, value < 100.0 ? "%.2f" : "%.1f", value);
    return text;
}

} // namespace

Expected<AlertRule> parseAlertRule(std::string_view text)
{
    AlertRule rule;
    std::string_view rest = text;
    std::optional<int> rounds;
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        const std::string_view count = rest.substr(slash + 1);
        int value = 0;
        const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), value);
        if (error != std::errc() || end != count.data() + count.size() || value < 1 ||
            value > kMaxAlertRounds)
            return badRule(text, "the rounds after '/' must be a whole number from 1 to " +
                                     std::to_string(kMaxAlertRounds));
        rounds = value;
        rest = rest.substr(0, slash);
    }
    if (rest == "route") {
        if (rounds)
            return badRule(text, "a route change is judged at each round: no '/ROUNDS'");
        rule.kind = AlertRule::Kind::RouteChange;
        rule.text = "route";
        return rule;
    }
    if (rest == "lost") {
        rule.kind = AlertRule::Kind::DestinationLost;
        rule.rounds = rounds.value_or(3);
        rule.text = "lost/" + std::to_string(rule.rounds);
        return rule;
    }
    const auto greater = rest.find('>');
    if (greater == std::string_view::npos)
        return badRule(text, "unknown rule");
    const std::string_view name = rest.substr(0, greater);
    std::string_view value = rest.substr(greater + 1);
    std::string_view unit;
    if (name == "loss") {
        rule.kind = AlertRule::Kind::Loss;
        unit = "%";
    } else if (name == "latency" || name == "jitter") {
        rule.kind = name == "latency" ? AlertRule::Kind::Latency : AlertRule::Kind::Jitter;
        unit = "ms";
    } else {
        return badRule(text, "unknown rule \"" + std::string(name) + "\"");
    }
    if (value.size() <= unit.size() || value.substr(value.size() - unit.size()) != unit)
        return badRule(text, "the threshold needs its unit, " + std::string(unit));
    value.remove_suffix(unit.size());
    if (!readNumber(value, rule.threshold) || rule.threshold < 0 ||
        (rule.kind == AlertRule::Kind::Loss && rule.threshold >= 100))
        return badRule(text, rule.kind == AlertRule::Kind::Loss
                                 ? "the loss must be a number from 0 to under 100"
                                 : "the threshold must be a number of milliseconds, 0 or more");
    rule.rounds = rounds.value_or(5);
    char normalised[64];
    std::snprintf(normalised, sizeof normalised, "%s>%g%s/%d", std::string(name).c_str(),
                  rule.threshold, std::string(unit).c_str(), rule.rounds);
    rule.text = normalised;
    return rule;
}

AlertWatch::AlertWatch(std::vector<AlertRule> rules)
{
    for (AlertRule &rule : rules)
        m_watched.push_back(Watched{std::move(rule), {}, 0, false});
}

AlertWatch::Seen AlertWatch::destinationSeen(const std::string &destination,
                                             const std::vector<ProbeSample> &probes)
{
    // The destination's TTL this round, else where it answered last: an unanswered probe sent
    // with that TTL was one to the destination. Those sent further (a round that does not find
    // the destination looks beyond it) are not: a lost reply counts once a probe, as it does
    // when the destination answers.
    int answeredAt = 0;
    for (const ProbeSample &probe : probes)
        if (probe.responder == destination && (answeredAt == 0 || probe.ttl < answeredAt))
            answeredAt = probe.ttl;
    if (answeredAt > 0)
        m_destinationTtl = answeredAt;
    Seen seen;
    for (const ProbeSample &probe : probes) {
        if (probe.responder == destination) {
            ++seen.sent;
            if (probe.rttMs)
                seen.rttsMs.push_back(*probe.rttMs);
        } else if (probe.responder.empty() && m_destinationTtl > 0 &&
                   probe.ttl == m_destinationTtl) {
            ++seen.sent;
        }
    }
    return seen;
}

std::vector<AlertEvent> AlertWatch::roundSettled(int round, std::int64_t startedUs,
                                                 const std::string &destination,
                                                 const std::vector<ProbeSample> &probes,
                                                 const std::vector<RouteChange> &changes)
{
    const Seen seen = destinationSeen(destination, probes);
    std::vector<AlertEvent> events;
    for (Watched &watched : m_watched) {
        const AlertRule &rule = watched.rule;
        AlertEvent event{rule, true, round, startedUs, 0, {}};
        if (rule.kind == AlertRule::Kind::RouteChange) {
            for (const RouteChange &change : changes) {
                if (change.kind != RouteChange::Kind::Responders &&
                    change.kind != RouteChange::Kind::PathLength)
                    continue;
                event.detail += (event.detail.empty() ? "" : "; ") + describeRouteChange(change);
            }
            if (!event.detail.empty())
                events.push_back(std::move(event));
            continue;
        }
        bool condition = false;
        bool judged = true;
        if (rule.kind == AlertRule::Kind::DestinationLost) {
            watched.roundsUnanswered = seen.rttsMs.empty() ? watched.roundsUnanswered + 1 : 0;
            event.value = watched.roundsUnanswered;
            condition = watched.roundsUnanswered >= rule.rounds;
            event.detail = condition
                               ? "no answer from " + destination + " in " +
                                     std::to_string(watched.roundsUnanswered) + " rounds in a row"
                               : destination + " answers again";
        } else {
            watched.window.push_back(seen);
            if (static_cast<int>(watched.window.size()) > rule.rounds)
                watched.window.pop_front();
            int sent = 0;
            std::vector<double> rtts;
            for (const Seen &each : watched.window) {
                sent += each.sent;
                rtts.insert(rtts.end(), each.rttsMs.begin(), each.rttsMs.end());
            }
            judged = static_cast<int>(watched.window.size()) == rule.rounds;
            if (rule.kind == AlertRule::Kind::Loss) {
                judged = judged && sent > 0;
                event.value = sent > 0 ? 100.0 * (sent - static_cast<int>(rtts.size())) / sent : 0;
                event.detail = "loss " + figure(event.value) + "% at " + destination + " (" +
                               std::to_string(sent - static_cast<int>(rtts.size())) + " of " +
                               std::to_string(sent) + " probes in " + lastRounds(rule.rounds) + ")";
            } else if (rule.kind == AlertRule::Kind::Latency) {
                judged = judged && !rtts.empty();
                event.value = rtts.empty() ? 0
                                           : std::accumulate(rtts.begin(), rtts.end(), 0.0) /
                                                 static_cast<double>(rtts.size());
                event.detail = "mean round-trip time " + milliseconds(event.value) + " ms to " +
                               destination + " over " + lastRounds(rule.rounds);
            } else {
                judged = judged && rtts.size() >= 2;
                double sum = 0;
                for (std::size_t i = 1; i < rtts.size(); ++i)
                    sum += std::abs(rtts[i] - rtts[i - 1]);
                event.value = rtts.size() >= 2 ? sum / static_cast<double>(rtts.size() - 1) : 0;
                event.detail = "jitter " + milliseconds(event.value) + " ms to " + destination +
                               " over " + lastRounds(rule.rounds);
            }
            condition = event.value > rule.threshold;
        }
        if (!judged || condition == watched.active)
            continue;
        watched.active = condition;
        event.raised = condition;
        events.push_back(std::move(event));
    }
    return events;
}

std::string describeAlertEvent(const AlertEvent &event)
{
    return std::string(event.raised ? "alert " : "alert cleared ") + event.rule.text +
           " in round " + std::to_string(event.round) + ": " + event.detail;
}

} // namespace hopscope
