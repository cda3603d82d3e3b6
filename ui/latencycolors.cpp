// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/latencycolors.h"

#include "report/latencyscale.h"

#include <QCoreApplication>

namespace hopscope {

const QList<LatencyBand> &latencyBands()
{
    // The reports draw with the same steps.
    static const QList<LatencyBand> bands{
        {kLatencySteps[0].belowMs, QColor(QRgb(kLatencySteps[0].rgb)),
         QCoreApplication::translate("LatencyBand", "< 10 ms")},
        {kLatencySteps[1].belowMs, QColor(QRgb(kLatencySteps[1].rgb)),
         QCoreApplication::translate("LatencyBand", "< 50 ms")},
        {kLatencySteps[2].belowMs, QColor(QRgb(kLatencySteps[2].rgb)),
         QCoreApplication::translate("LatencyBand", "< 100 ms")},
        {kLatencySteps[3].belowMs, QColor(QRgb(kLatencySteps[3].rgb)),
         QCoreApplication::translate("LatencyBand", "< 250 ms")},
        {kLatencySteps[4].belowMs, QColor(QRgb(kLatencySteps[4].rgb)),
         QCoreApplication::translate("LatencyBand", "\u2265 250 ms")},
    };
    return bands;
}

QColor latencyColor(const std::optional<double> &ms)
{
    if (!ms)
        return silentColor();
    for (const LatencyBand &band : latencyBands())
        if (*ms < band.upToMs)
            return band.color;
    return latencyBands().constLast().color;
}

QColor lossColor(double lossPercent)
{
    if (lossPercent <= 0.0)
        return QColor(0x9a, 0xa5, 0xb1);
    // From a light red at the first lost probe to a deep one at total loss.
    const double share = std::min(1.0, 0.25 + lossPercent / 100.0);
    return QColor::fromRgbF(0.83f, static_cast<float>(0.55 * (1.0 - share)),
                            static_cast<float>(0.5 * (1.0 - share)));
}

QColor silentColor()
{
    return QColor(QRgb(kSilentRgb));
}

} // namespace hopscope
