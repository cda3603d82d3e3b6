#pragma once

#include "report/reportcontent.h"

#include <string>

namespace hopscope {

// Escapes text for XML and HTML content and attribute values.
std::string escapeXml(std::string_view text);

// The hop graph as SVG: this machine, then a column per TTL with a node per responder coloured
// by its average RTT (dashed grey for silence, a red ring for loss that carries on), linked as
// the flows went.
std::string svgPathGraph(const ReportContent &content);

// RTT per TTL as SVG: every reply as a dot, best to worst as a bar, the average as a line, loss
// as red columns on a second scale.
std::string svgRttChart(const ReportContent &content);

} // namespace hopscope
