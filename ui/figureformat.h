// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

#include <optional>

namespace hopscope {

// A round trip as the views show it: two decimals below 100 ms, one above, a dash for none.
inline QString formatMilliseconds(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', *value < 100.0 ? 2 : 1) : QStringLiteral("\u2013");
}

} // namespace hopscope
