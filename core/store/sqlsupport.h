// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <QString>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

namespace hopscope {

// SQLite's own words ("database is locked", "disk I/O error"), without the driver's ("Unable to
// execute statement"), which only say which Qt call failed.
QString sqliteSaid(const QSqlError &error);

// `what` failed, and why, with a hint where SQLite's words name a full or failing disk.
Error sqlError(const QString &what, const QSqlError &error);

struct HistoryEntry;
// Binds what the history list shows of an entry, in this order: traced_at, target, destination,
// protocol, reached, hops, rounds.
void bindEntryFigures(QSqlQuery &query, const HistoryEntry &entry);

// Commits the transaction under way; when that fails, rolls it back and says `failed` and why.
Status commitOrRollBack(QSqlDatabase &db, const QString &failed);

} // namespace hopscope
