// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/background.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace hopscope {

QThreadPool *backgroundPool()
{
    // Owned by the application, which waits for its tasks when it goes; a task may wait on a
    // resolver, so there are a few more threads than cores. Asked for on the GUI thread only.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setObjectName(QStringLiteral("background"));
        pool->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    }
    return pool;
}

} // namespace hopscope
