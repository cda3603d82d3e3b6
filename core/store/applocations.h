// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>

namespace hopscope {

// Where Hopscope keeps what it keeps, after the XDG layout under one lower-case folder:
//   settings  $XDG_CONFIG_HOME/hopscope/hopscope.conf  (QSettings, through the names set here)
//   data      $XDG_DATA_HOME/hopscope/                  (the history database)
// The window and the CLI both call useApplicationIdentity() first, so they share both.
void useApplicationIdentity();

// $XDG_DATA_HOME/hopscope (~/.local/share/hopscope), not created here.
QString dataDirectory();

// What moving an earlier version's files did: one line per file or folder moved, per earlier
// file left where it is because the new place is in use already (the new one is what counts),
// and per failure (then the earlier files stay where they were, untouched).
struct LegacyMigration
{
    QStringList moved;
    QStringList leftAlone;
    QStringList problems;
};

// Moves settings and data from where earlier versions kept them ($XDG_CONFIG_HOME/Hopscope/
// Hopscope.conf, $XDG_DATA_HOME/Hopscope/Hopscope/) to the places above, when they are there and
// the new places are not yet in use. Run once at start-up, before anything opens either; running
// it again finds nothing to do.
LegacyMigration migrateLegacyLocations();

} // namespace hopscope
