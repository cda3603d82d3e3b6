// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/pathfileloader.h"

#include "import/pathimport.h"
#include "path/networkpathjson.h"

#include "ui/background.h"

namespace hopscope {

PathFileLoader::PathFileLoader(QObject *parent) : QObject(parent) {}

void PathFileLoader::load(const QString &fileName)
{
    runInBackground(
        this, [path = fileName.toStdString()] { return readAnyPathFile(path); },
        [this, fileName](const Expected<NetworkPath> &result) {
            if (result)
                Q_EMIT loaded(fileName, *result);
            else
                Q_EMIT failed(fileName, QString::fromStdString(result.error().message));
        });
}

} // namespace hopscope
