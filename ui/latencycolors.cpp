#include "ui/latencycolors.h"

#include <QCoreApplication>

namespace hopscope {

const QList<LatencyBand> &latencyBands()
{
    static const QList<LatencyBand> bands{
        {10.0, QColor(0x2e, 0x9d, 0x5b), QCoreApplication::translate("LatencyBand", "< 10 ms")},
        {50.0, QColor(0x7c, 0xb3, 0x42), QCoreApplication::translate("LatencyBand", "< 50 ms")},
        {100.0, QColor(0xf0, 0xa2, 0x02), QCoreApplication::translate("LatencyBand", "< 100 ms")},
        {250.0, QColor(0xe6, 0x6a, 0x1f), QCoreApplication::translate("LatencyBand", "< 250 ms")},
        {1e300, QColor(0xd3, 0x2f, 0x2f), QCoreApplication::translate("LatencyBand", "\u2265 250 ms")},
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
    return QColor::fromRgbF(0.83f, static_cast<float>(0.55 * (1.0 - share)), static_cast<float>(0.5 * (1.0 - share)));
}

QColor silentColor() { return QColor(0xb0, 0xb7, 0xc0); }

} // namespace hopscope
