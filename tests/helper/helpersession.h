// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <vector>

// A running hopscope-probe talked to over pipes, as a client would. Every line it writes is
// parsed; one that is not a JSON object with an "event" fails the session.
class HelperSession
{
public:
    // Starts `program` with `arguments` (e.g. "ip netns exec NS helper").
    HelperSession(const QString &program, const QStringList &arguments = {});
    ~HelperSession();

    bool started() const { return m_started; }
    void send(const QByteArray &line); // a newline is added
    void closeInput();
    qint64 pid() const { return m_process.processId(); }

    // Waits until an event satisfying `match` has arrived (or `timeoutMs`); returns it, or null.
    nlohmann::json waitFor(const std::function<bool(const nlohmann::json &)> &match,
                           int timeoutMs = 10000);
    nlohmann::json waitForEnd(std::int64_t id, int timeoutMs = 20000); // the done or error of `id`
    // Every event so far with this id.
    std::vector<nlohmann::json> eventsOf(std::int64_t id) const;
    const std::vector<nlohmann::json> &events() const { return m_events; }
    bool waitForExit(int timeoutMs);
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    bool sawGarbage() const { return !m_garbage.isEmpty(); }
    QByteArray garbage() const { return m_garbage; }

private:
    void readLines();

    QProcess m_process;
    bool m_started = false;
    QByteArray m_pending;
    QByteArray m_garbage;
    std::vector<nlohmann::json> m_events;
};
