// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helpersession.h"

#include <QDeadlineTimer>

HelperSession::HelperSession(const QString &program, const QStringList &arguments)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(program, arguments);
    m_started = m_process.waitForStarted(5000);
}

HelperSession::~HelperSession()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

void HelperSession::send(const QByteArray &line)
{
    m_process.write(line + '\n');
    m_process.waitForBytesWritten(2000);
}

void HelperSession::closeInput()
{
    m_process.closeWriteChannel();
}

void HelperSession::readLines()
{
    m_pending += m_process.readAllStandardOutput();
    qsizetype newline = 0;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(newline);
        m_pending.remove(0, newline + 1);
        auto parsed =
            nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("event"))
            m_garbage += line + '\n';
        else
            m_events.push_back(std::move(parsed));
    }
}

nlohmann::json HelperSession::waitFor(const std::function<bool(const nlohmann::json &)> &match,
                                      int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    std::size_t checked = 0;
    for (;;) {
        readLines();
        for (; checked < m_events.size(); ++checked)
            if (match(m_events[checked]))
                return m_events[checked];
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return nullptr;
        m_process.waitForReadyRead(
            static_cast<int>(std::min<qint64>(deadline.remainingTime(), 200)));
    }
}

nlohmann::json HelperSession::waitForEnd(std::int64_t id, int timeoutMs)
{
    return waitFor(
        [id](const nlohmann::json &event) {
            return event.value("id", std::int64_t{-1}) == id &&
                   (event["event"] == "done" || event["event"] == "error");
        },
        timeoutMs);
}

std::vector<nlohmann::json> HelperSession::eventsOf(std::int64_t id) const
{
    std::vector<nlohmann::json> result;
    for (const auto &event : m_events)
        if (event.value("id", std::int64_t{-1}) == id)
            result.push_back(event);
    return result;
}

bool HelperSession::waitForExit(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        m_process.waitForFinished(
            static_cast<int>(std::min<qint64>(deadline.remainingTime(), 200)));
        readLines();
    }
    readLines();
    return m_process.state() == QProcess::NotRunning;
}
