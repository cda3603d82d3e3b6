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

bool SavedPathOwners::start(const NetworkPath &path)
{
    cancel();
    m_lookup = sharedOwnerLookup(&m_databasesLeftOut);
    std::size_t leftOut = 0;
    if (m_lookup)
        m_wanted = respondersWithoutOwner(path, kMaxFileOwnerLookups, &leftOut);
    m_leftOut = QString::fromStdString(ownerLookupsLeftOut(m_wanted.size(), leftOut));
    if (!m_lookup || m_wanted.empty()) {
        m_lookup.reset();
        m_wanted.clear();
        return false;
    }
    m_lookup->prefetch(m_wanted);
    m_started.start();
    m_timer->start();
    check();
    return true;
}

void SavedPathOwners::cancel()
{
    m_timer->stop();
    m_lookup.reset();
    m_wanted.clear();
    m_databasesLeftOut.clear();
    m_leftOut.clear();
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
    QStringList problems;
    if (!m_leftOut.isEmpty())
        problems << m_leftOut;
    for (const std::string &problem : m_lookup->takeProblems())
        problems << QString::fromStdString(printable(problem));
    const QStringList databasesLeftOut = m_databasesLeftOut;
    cancel();
    Q_EMIT found(owners, databasesLeftOut, problems);
}

} // namespace hopscope
