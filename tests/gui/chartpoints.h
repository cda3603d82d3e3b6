// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ui/rttchartview.h"

#include <QChart>
#include <QXYSeries>

namespace hopscope::testing {

// Every point the chart's line and scatter series hold.
inline int seriesPoints(RttChartView *chart)
{
    int points = 0;
    for (QAbstractSeries *series : chart->chart()->series())
        if (auto *xy = qobject_cast<QXYSeries *>(series))
            points += static_cast<int>(xy->count());
    return points;
}

} // namespace hopscope::testing
