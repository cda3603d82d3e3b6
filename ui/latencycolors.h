// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QColor>
#include <QList>
#include <QString>

#include <optional>

namespace hopscope {

// One scale for the graph, the table and the chart: latency from green through amber to red,
// loss as a red that deepens with the share lost.
struct LatencyBand
{
    double upToMs;
    QColor color;
    QString label;
};

const QList<LatencyBand> &latencyBands();
QColor latencyColor(const std::optional<double> &ms);
QColor lossColor(double lossPercent);
QColor silentColor();

} // namespace hopscope
