// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "report/comparisonreport.h"
#include "report/reportcontent.h"

#include <set>
#include <string>

namespace hopscope {

// Escapes text for XML and HTML content and attribute values.
std::string escapeXml(std::string_view text);

// The hop graph as SVG: this machine, then a column per TTL with a node per responder coloured
// by its average RTT (dashed grey for silence, a red ring for loss that carries on), linked as
// the flows went. Nodes at `markedTtls` get a purple outline (what a comparison found different).
// A column draws at most 8 responders (the destination and those that answered most) and counts
// the rest under it, so that the figure's size follows what it shows, not the file's.
std::string svgPathGraph(const ReportContent &content, const std::set<int> &markedTtls = {});

// RTT per TTL as SVG: every reply as a dot, best to worst as a bar, the average as a line, loss
// as red columns on a second scale.
std::string svgRttChart(const ReportContent &content);

// Both paths of a comparison: each one's median RTT per TTL as a line (the first dashed, so it
// reads in grey too), significant shifts ringed in purple.
std::string svgComparisonChart(const ComparisonReportContent &content);

} // namespace hopscope
