// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

class QThreadPool;

#include <type_traits>
#include <utility>

namespace hopscope {

// The threads background work runs on. Not Qt's global pool: Qt's raster engine splits large
// fills over that pool and waits for them, so a task blocked there on a resolver or a disk would
// hold up the painting of the window.
QThreadPool *backgroundPool();

// Runs `task` on the background pool, so that the GUI thread never waits for a disk or a
// resolver, and `done(result)` back on `context`'s thread when it has finished, unless `context`
// is gone.
template <typename Task, typename Done> void runInBackground(QObject *context, Task task, Done done)
{
    using Result = std::invoke_result_t<Task>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), std::move(task)));
}

} // namespace hopscope
