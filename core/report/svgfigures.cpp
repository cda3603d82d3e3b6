// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/svgfigures.h"

#include "report/latencyscale.h"
#include "report/pathverdict.h"
#include "report/textformat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace hopscope {

namespace {

// The outline of what a comparison found different, as in the window's compare view.
constexpr const char *kMarkColor = "#8e24aa";

std::string num(double value)
{
    return formatFixed(value, 1);
}

std::string color(std::uint32_t rgb)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "#%06x", rgb & 0xffffffu);
    return buffer;
}

std::string text(double x, double y, std::string_view content, const std::string &attributes = {})
{
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"" +
           (attributes.empty() ? "" : " " + attributes) + ">" + escapeXml(content) + "</text>\n";
}

// Rows on the latest route, by TTL.
std::map<int, std::vector<const MonitorHop *>> latestByTtl(const ReportContent &content)
{
    std::map<int, std::vector<const MonitorHop *>> byTtl;
    const int end = content.verdict.destinationTtl.value_or(content.verdict.lastAnsweringTtl);
    for (const MonitorHop &hop : content.model.hops())
        if (hop.onRoute(content.latestRound) && hop.ttl <= std::max(end, 1))
            byTtl[hop.ttl].push_back(&hop);
    return byTtl;
}

// The responders each column draws: the destination, then those that answered most, at most
// kMostShownPerTtl (a file may list thousands at one TTL, and a figure must stay the size of what
// it shows); and how many each column leaves out, to be counted under it.
std::map<int, std::size_t> keepDrawnNodes(std::map<int, std::vector<const MonitorHop *>> &byTtl)
{
    std::map<int, std::size_t> leftOut;
    for (auto &[ttl, hops] : byTtl) {
        if (hops.size() <= kMostShownPerTtl)
            continue;
        std::stable_sort(hops.begin(), hops.end(), [](const MonitorHop *a, const MonitorHop *b) {
            if (a->destination != b->destination)
                return a->destination;
            return a->stats.received > b->stats.received;
        });
        leftOut[ttl] = hops.size() - kMostShownPerTtl;
        hops.resize(kMostShownPerTtl);
    }
    return leftOut;
}

// Round numbers for an axis: 1, 2 or 5 times a power of ten.
double niceStep(double range, int ticks)
{
    const double raw = std::max(range / ticks, 1e-6);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power)
            return m * power;
    return 10.0 * power;
}

std::string shortAddress(const std::string &address)
{
    return address.size() > 22 ? address.substr(0, 21) + "\u2026" : address;
}

} // namespace

std::string escapeXml(std::string_view raw)
{
    std::string escaped;
    for (const char c : printable(raw)) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        case '\'':
            escaped += "&#39;";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

std::string svgPathGraph(const ReportContent &content, const std::set<int> &markedTtls)
{
    auto byTtl = latestByTtl(content);
    const std::map<int, std::size_t> leftOut = keepDrawnNodes(byTtl);
    constexpr double kColumn = 150.0, kRow = 86.0, kRadius = 17.0, kTop = 30.0, kLeft = 60.0;
    std::size_t tallest = 1;
    for (const auto &[ttl, hops] : byTtl)
        tallest = std::max(tallest, hops.size());
    const double width = kLeft + kColumn * static_cast<double>(byTtl.size()) + 40.0;
    const double height =
        kTop + kRow * static_cast<double>(tallest) + (leftOut.empty() ? 30.0 : 50.0);
    const double middle = kTop + kRow * static_cast<double>(tallest) / 2.0;

    // Where each node sits.
    std::map<std::pair<int, std::string>, std::pair<double, double>> place;
    std::vector<int> ttls;
    double x = kLeft + kColumn * 0.75;
    for (const auto &[ttl, hops] : byTtl) {
        ttls.push_back(ttl);
        for (std::size_t i = 0; i < hops.size(); ++i)
            place[{ttl, hops[i]->responder}] = {
                x, middle + (static_cast<double>(i) - (hops.size() - 1) / 2.0) * kRow};
        x += kColumn;
    }

    // Links: as the flows went, when the model knows (the file has probes); otherwise every node
    // to the next column.
    std::set<std::pair<std::pair<int, std::string>, std::pair<int, std::string>>> links;
    for (const auto &[edge, rounds] : content.model.edges()) {
        const std::pair<int, std::string> from{edge.ttl, edge.from}, to{edge.ttl + 1, edge.to};
        if (place.contains(from) && place.contains(to))
            links.insert({from, to});
    }
    std::set<int> linkedColumns;
    for (const auto &link : links)
        linkedColumns.insert(link.first.first);
    for (std::size_t i = 0; i + 1 < ttls.size(); ++i) {
        // A column nobody linked (silence, or no probes) joins its neighbours whole.
        if (linkedColumns.contains(ttls[i]))
            continue;
        for (const MonitorHop *a : byTtl.at(ttls[i]))
            for (const MonitorHop *b : byTtl.at(ttls[i + 1]))
                links.insert({{a->ttl, a->responder}, {b->ttl, b->responder}});
    }

    std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " +
        num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
        "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"Hop graph\">\n";
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    // This machine, linked to the first column.
    svg += "<rect x=\"" + num(kLeft - 40) + "\" y=\"" + num(middle - 14) +
           "\" width=\"64\" height=\"28\" rx=\"6\" "
           "fill=\"#34495e\"/>\n" +
           text(kLeft - 8, middle + 4, "You", "fill=\"#ffffff\" text-anchor=\"middle\"");
    if (!ttls.empty())
        for (const MonitorHop *hop : byTtl.at(ttls.front())) {
            const auto [nx, ny] = place.at({hop->ttl, hop->responder});
            svg += "<line x1=\"" + num(kLeft + 24) + "\" y1=\"" + num(middle) + "\" x2=\"" +
                   num(nx - kRadius) + "\" y2=\"" + num(ny) +
                   "\" stroke=\"#9aa5b1\" stroke-width=\"2\"/>\n";
        }
    for (const auto &[from, to] : links) {
        const auto [x1, y1] = place.at(from);
        const auto [x2, y2] = place.at(to);
        svg += "<line x1=\"" + num(x1 + kRadius) + "\" y1=\"" + num(y1) + "\" x2=\"" +
               num(x2 - kRadius) + "\" y2=\"" + num(y2) +
               "\" stroke=\"#9aa5b1\" stroke-width=\"2\"/>\n";
    }
    for (const auto &[ttl, hops] : byTtl) {
        const double cx = place.at({ttl, hops.front()->responder}).first;
        svg += text(cx, kTop - 12, "TTL " + std::to_string(ttl),
                    "text-anchor=\"middle\" fill=\"#52606d\"");
        if (const auto more = leftOut.find(ttl); more != leftOut.end())
            svg += text(cx, height - 14, "+" + std::to_string(more->second) + " more not drawn",
                        "text-anchor=\"middle\" fill=\"#52606d\" font-style=\"italic\"");
        for (const MonitorHop *hop : hops) {
            const auto [nx, ny] = place.at({ttl, hop->responder});
            const bool silent = hop->responder.empty();
            const bool carriedLoss = content.verdict.lossStartsTtl &&
                                     ttl >= *content.verdict.lossStartsTtl &&
                                     hop->stats.lossPercent > 0.0;
            const bool marked = markedTtls.contains(ttl);
            const std::string stroke =
                marked   ? std::string(kMarkColor) + (silent ? "\" stroke-dasharray=\"4 3" : "")
                : silent ? "#7b8794\" stroke-dasharray=\"4 3"
                : carriedLoss ? "#c62828"
                              : "#52606d";
            svg += "<circle cx=\"" + num(nx) + "\" cy=\"" + num(ny) + "\" r=\"" + num(kRadius) +
                   "\" fill=\"" + color(latencyRgb(silent ? std::nullopt : hop->stats.avgMs)) +
                   "\" stroke=\"" + stroke + "\" stroke-width=\"" +
                   (carriedLoss || marked ? "4" : "2") + "\"/>\n";
            if (hop->destination)
                svg += text(nx, ny + 4, "\u2691",
                            "text-anchor=\"middle\" fill=\"#ffffff\" font-size=\"14\"");
            const std::string label = silent ? "*" : shortAddress(hop->responder);
            svg += text(nx, ny + kRadius + 15, label, "text-anchor=\"middle\" fill=\"#1f2933\"");
            std::string figure = silent             ? "no reply"
                                 : hop->stats.avgMs ? num(*hop->stats.avgMs) + " ms"
                                                    : "";
            if (content.model.counted() && hop->stats.lossPercent > 0.0 && !silent)
                figure += ", " + num(hop->stats.lossPercent) + "% loss";
            svg += text(nx, ny + kRadius + 29, figure,
                        "text-anchor=\"middle\" fill=\"#52606d\" font-size=\"11\"");
        }
    }
    return svg + "</svg>\n";
}

namespace {

// The plot area of an RTT-per-TTL chart: TTLs 1..lastTtl across, 0..top milliseconds up.
class RttAxes
{
public:
    static constexpr double kWidth = 760.0, kHeight = 300.0, kLeft = 56.0, kRight = 56.0,
                            kTop = 20.0, kBottom = 40.0;
    static constexpr double kPlotWidth = kWidth - kLeft - kRight;
    static constexpr double kPlotHeight = kHeight - kTop - kBottom;

    RttAxes(double highestMs, int lastTtl)
        : m_step(niceStep(std::max(highestMs, 1.0), 5)),
          m_top(std::ceil(std::max(highestMs, 1.0) / m_step) * m_step),
          m_lastTtl(std::max(lastTtl, 1))
    {
    }

    double x(int ttl) const { return kLeft + kPlotWidth * (ttl - 0.5) / m_lastTtl; }
    double y(double ms) const { return kTop + kPlotHeight * (1.0 - ms / m_top); }

    // The opening tag, the background, the grid with its millisecond labels and the axis titles.
    std::string open(std::string_view label) const
    {
        std::string svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " +
            num(kHeight) + "\" width=\"" + num(kWidth) + "\" height=\"" + num(kHeight) +
            "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"" +
            escapeXml(label) + "\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
        for (double v = 0.0; v <= m_top + m_step / 2; v += m_step) {
            svg += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kLeft + kPlotWidth) + "\" y1=\"" +
                   num(y(v)) + "\" y2=\"" + num(y(v)) + "\" stroke=\"#e4e7eb\"/>\n";
            svg += text(kLeft - 6, y(v) + 4, num(v), "text-anchor=\"end\" fill=\"#52606d\"");
        }
        svg += text(14, kTop + kPlotHeight / 2, "RTT (ms)",
                    "text-anchor=\"middle\" fill=\"#52606d\" transform=\"rotate(-90 14 " +
                        num(kTop + kPlotHeight / 2) + ")\"");
        svg += text(kLeft + kPlotWidth / 2, kHeight - 6, "TTL",
                    "text-anchor=\"middle\" fill=\"#52606d\"");
        return svg;
    }

    std::string ttlLabel(int ttl) const
    {
        return text(x(ttl), kTop + kPlotHeight + 16, std::to_string(ttl),
                    "text-anchor=\"middle\" fill=\"#52606d\"");
    }

    // The frame over everything, and the closing tag.
    static std::string close()
    {
        return "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kPlotWidth) +
               "\" height=\"" + num(kPlotHeight) +
               "\" fill=\"none\" stroke=\"#9aa5b1\"/>\n</svg>\n";
    }

private:
    double m_step;
    double m_top;
    int m_lastTtl;
};

} // namespace

std::string svgRttChart(const ReportContent &content)
{
    const auto byTtl = latestByTtl(content);
    constexpr double kLeft = RttAxes::kLeft, kTop = RttAxes::kTop, kWidth = RttAxes::kWidth;
    constexpr double plotWidth = RttAxes::kPlotWidth, plotHeight = RttAxes::kPlotHeight;

    // Every reply per TTL the model still keeps one by one.
    std::map<int, std::vector<double>> replies;
    for (const auto &[ttl, atTtl] : content.model.series())
        if (byTtl.contains(ttl))
            for (const PathModel::Series &series : atTtl)
                series.history.recent().forEach([&](const MonitorSample &sample) {
                    if (!sample.lost())
                        replies[ttl].push_back(sample.rttMs);
                });
    double top = 0.0;
    for (const auto &[ttl, values] : replies)
        for (const double v : values)
            top = std::max(top, v);
    for (const auto &[ttl, hops] : byTtl)
        for (const MonitorHop *hop : hops)
            top = std::max(top, hop->stats.maxMs.value_or(0.0));
    const RttAxes axes(top, byTtl.empty() ? 1 : byTtl.rbegin()->first);
    const auto lossY = [&](double percent) { return kTop + plotHeight * (1.0 - percent / 100.0); };

    std::string svg = axes.open("RTT per TTL");
    if (content.model.counted()) {
        for (int p = 0; p <= 100; p += 25)
            svg += text(kLeft + plotWidth + 6, lossY(p) + 4, std::to_string(p) + "%",
                        "fill=\"#c62828\"");
        svg += text(kWidth - 8, kTop + plotHeight / 2, "loss",
                    "text-anchor=\"middle\" fill=\"#c62828\" transform=\"rotate(90 " +
                        num(kWidth - 8) + " " + num(kTop + plotHeight / 2) + ")\"");
    }
    const std::map<int, TtlFigures> perTtl = content.model.latestTtlFigures();
    std::string averageLine;
    for (const auto &[ttl, hops] : byTtl) {
        const double cx = axes.x(ttl);
        svg += axes.ttlLabel(ttl);
        const auto figures = perTtl.find(ttl);
        if (figures == perTtl.end())
            continue;
        const TtlFigures &at = figures->second;
        if (content.model.counted() && at.sent > at.received) {
            const double loss = at.lossPercent();
            svg += "<rect x=\"" + num(cx - 10) + "\" y=\"" + num(lossY(loss)) +
                   "\" width=\"20\" height=\"" + num(plotHeight * loss / 100.0) +
                   "\" fill=\"#c62828\" fill-opacity=\"0.25\"/>\n";
        }
        if (at.bestMs && at.worstMs)
            svg += "<rect x=\"" + num(cx - 4) + "\" y=\"" + num(axes.y(*at.worstMs)) +
                   "\" width=\"8\" height=\"" +
                   num(std::max(1.0, axes.y(*at.bestMs) - axes.y(*at.worstMs))) +
                   "\" fill=\"#3e7cb1\" fill-opacity=\"0.3\"/>\n";
        if (const auto it = replies.find(ttl); it != replies.end()) {
            // One dot per pixel row: more would only lie on top of each other, and a session's
            // hundreds of thousands of replies would make a figure of as many elements.
            std::set<long> rows;
            for (const double v : it->second)
                if (rows.insert(std::lround(axes.y(v))).second)
                    svg += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(axes.y(v)) +
                           "\" r=\"2\" fill=\"#3e7cb1\" fill-opacity=\"0.6\"/>\n";
        }
        if (at.avgMs)
            averageLine +=
                (averageLine.empty() ? "" : " ") + num(cx) + "," + num(axes.y(*at.avgMs));
    }
    if (!averageLine.empty())
        svg += "<polyline points=\"" + averageLine +
               "\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n";
    return svg + RttAxes::close();
}

std::string svgComparisonChart(const ComparisonReportContent &content)
{
    const auto &ttls = content.comparison.ttls;
    double top = 0.0;
    for (const TtlComparison &row : ttls)
        for (const auto *side : {&row.first, &row.second})
            if (*side && (*side)->medianRttMs)
                top = std::max(top, *(*side)->medianRttMs);
    const RttAxes axes(top * 1.1, ttls.empty() ? 1 : ttls.back().ttl);

    std::string svg = axes.open("Median RTT per TTL, both paths");
    struct Series
    {
        const char *name;
        const char *stroke;
        const char *dash;
        std::optional<TtlObservation> TtlComparison::*side;
    };
    const Series series[] = {
        {"first", "#3e7cb1", " stroke-dasharray=\"6 4\"", &TtlComparison::first},
        {"second", "#e8710a", "", &TtlComparison::second}};
    for (const TtlComparison &row : ttls)
        svg += axes.ttlLabel(row.ttl);
    for (const Series &line : series) {
        std::string points;
        std::string dots;
        for (const TtlComparison &row : ttls) {
            const std::optional<TtlObservation> &side = row.*(line.side);
            if (!side || !side->medianRttMs)
                continue;
            const std::string x = num(axes.x(row.ttl)), y = num(axes.y(*side->medianRttMs));
            points += (points.empty() ? "" : " ") + x + "," + y;
            dots += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"3.5\" fill=\"" + line.stroke +
                    "\"/>\n";
        }
        if (!points.empty())
            svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + line.stroke +
                   "\" stroke-width=\"2\"" + line.dash + "/>\n" + dots;
    }
    for (const TtlComparison &row : ttls)
        if (row.shift && row.shift->significant)
            svg += "<circle cx=\"" + num(axes.x(row.ttl)) + "\" cy=\"" +
                   num(axes.y(*row.second->medianRttMs)) + "\" r=\"8\" fill=\"none\" stroke=\"" +
                   kMarkColor + "\" stroke-width=\"2\"/>\n";
    // The legend, top left inside the plot.
    double y = RttAxes::kTop + 16;
    for (const Series &line : series) {
        const double x = RttAxes::kLeft + 12;
        svg += "<line x1=\"" + num(x) + "\" x2=\"" + num(x + 24) + "\" y1=\"" + num(y - 4) +
               "\" y2=\"" + num(y - 4) + "\" stroke=\"" + line.stroke + "\" stroke-width=\"2\"" +
               line.dash + "/>\n";
        svg += text(x + 30, y, std::string(line.name) + " path", "fill=\"#1f2933\"");
        y += 16;
    }
    return svg + RttAxes::close();
}

} // namespace hopscope
