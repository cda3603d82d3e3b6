// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"

#include <QObject>
#include <QString>

#include <vector>

namespace hopscope {

// Reads path files of any format on a pool thread so that the GUI thread never waits on the
// disk.
class PathFileLoader : public QObject
{
    Q_OBJECT

public:
    explicit PathFileLoader(QObject *parent = nullptr);

    void load(const QString &fileName);

Q_SIGNALS:
    void loaded(const QString &fileName, const hopscope::NetworkPath &path);
    // A file that holds several traces (RIPE Atlas results, scamper records, a transcript).
    void loadedSeveral(const QString &fileName, const std::vector<hopscope::NetworkPath> &paths);
    void failed(const QString &fileName, const QString &message);
};

} // namespace hopscope
