// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/savedpathowners.h"

#include "common/safetext.h"
#include "owner/pathowners.h"
#include "ui/ownerlookupsettings.h"

#include <QTimer>

#include <chrono>

namespace hopscope {

namespace {

// Often enough that an answer from a cache or a database shows at once.
constexpr int kCheckEveryMs = 100;

} // namespace

SavedPathOwners::SavedPathOwners(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(kCheckEveryMs);
    connect(m_timer, &QTimer::timeout, this, &SavedPathOwners::check);
}

void SavedPathOwners::start(const NetworkPath &path)
{
    cancel();
    QStringList databasesLeftOut;
    m_lookup = sharedOwnerLookup(&databasesLeftOut);
    for (const QString &database : databasesLeftOut)
        m_notices << tr("Owner database left out: %1").arg(database);
    std::size_t leftOut = 0;
    if (m_lookup)
        m_wanted = respondersWithoutOwner(path, kMaxFileOwnerLookups, &leftOut);
    if (const std::string note = ownerLookupsLeftOut(m_wanted.size(), leftOut); !note.empty())
        m_notices << QString::fromStdString(note);
    if (!m_lookup || m_wanted.empty()) {
        const QStringList notices = m_notices;
        cancel();
        if (!notices.isEmpty())
            Q_EMIT found({}, notices);
        return;
    }
    m_lookup->prefetch(m_wanted);
    m_started.start();
    m_timer->start();
    check();
}

void SavedPathOwners::cancel()
{
    m_timer->stop();
    m_lookup.reset();
    m_wanted.clear();
    m_notices.clear();
}

void SavedPathOwners::check()
{
    if (!m_lookup)
        return;
    const bool late =
        m_started.elapsed() >=
        std::chrono::duration_cast<std::chrono::milliseconds>(kFileOwnerBudget).count();
    if (!late && !m_lookup->finished(m_wanted))
        return;
    // Past the budget, what is known so far: no waiting on the GUI thread.
    const auto owners = m_lookup->owners(m_wanted, std::chrono::steady_clock::now());
    QStringList notices = m_notices;
    for (const std::string &problem : m_lookup->takeProblems())
        notices << QString::fromStdString(printable(problem));
    cancel();
    Q_EMIT found(owners, notices);
}

} // namespace hopscope
