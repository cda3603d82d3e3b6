// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <utility>

namespace hopscope {

// A worker object living on a thread of its own, as Qt's worker-object pattern has it: made here,
// moved to the thread, deleted on that thread when it ends. The owner talks to it through queued
// signals and invokeMethod, and asks it to finish its work before this ends (the destructor only
// stops the thread's event loop and waits for it).
template <typename Object> class WorkerThread
{
public:
    template <typename... Arguments>
    explicit WorkerThread(const QString &name, Arguments &&...arguments)
        : m_object(new Object(std::forward<Arguments>(arguments)...))
    {
        m_thread.setObjectName(name);
        m_object->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_object, &QObject::deleteLater);
        m_thread.start();
    }
    ~WorkerThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    Object *get() const { return m_object; }
    Object *operator->() const { return m_object; }

private:
    QThread m_thread;
    Object *m_object;
};

} // namespace hopscope
