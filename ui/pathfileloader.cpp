// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/pathfileloader.h"

#include "import/pathformat.h"
#include "path/networkpathjson.h"

#include "ui/background.h"

namespace hopscope {

PathFileLoader::PathFileLoader(QObject *parent) : QObject(parent) {}

void PathFileLoader::load(const QString &fileName)
{
    runInBackground(
        this, [path = fileName.toStdString()] { return readPathFile(path); },
        [this, fileName](const Expected<std::vector<NetworkPath>> &result) {
            if (!result)
                Q_EMIT failed(fileName, QString::fromStdString(result.error().message));
            else if (result->size() == 1)
                Q_EMIT loaded(fileName, result->front());
            else
                Q_EMIT loadedSeveral(fileName, *result);
        });
}

} // namespace hopscope
