// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ui/mainwindow.h"

#include <QSignalSpy>
#include <QString>

// Saves the window's current tab to `fileName` and waits for the write, which runs on a pool
// thread; true when the file was written.
inline bool saveAndWait(hopscope::MainWindow &window, const QString &fileName)
{
    QSignalSpy saved(&window, &hopscope::MainWindow::saved);
    if (!window.saveCurrentTo(fileName))
        return false;
    if (saved.isEmpty() && !saved.wait(10000))
        return false;
    return saved.constFirst().at(1).toBool();
}
