// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "owner/ownerlookup.h"
#include "path/networkpath.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <map>
#include <memory>
#include <string>
#include <vector>

class QTimer;

namespace hopscope {

// Finds the owners a saved path does not give (a file written without lookups, or by a tool that
// makes none) with the window's lookup, without blocking the GUI thread: the lookup works on its
// own thread and is looked at now and then, until it has ended or kFileOwnerBudget has passed.
class SavedPathOwners final : public QObject
{
    Q_OBJECT

public:
    explicit SavedPathOwners(QObject *parent = nullptr);

    // Starts on `path`, forgetting any path before it. With nothing to look up or nowhere to
    // look, only the notices (a database left out) are told, at once.
    void start(const NetworkPath &path);
    void cancel();

Q_SIGNALS:
    // What was found, and what is worth telling the user: databases left out, responders not
    // asked about, the problems the lookups met (each told once per window).
    void found(const std::map<std::string, hopscope::AddressOwner> &owners,
               const QStringList &notices);

private:
    void check();

    QTimer *m_timer;
    QElapsedTimer m_started;
    std::shared_ptr<OwnerLookup> m_lookup;
    std::vector<IpAddress> m_wanted;
    QStringList m_notices; // known before the lookups end
};

} // namespace hopscope
