// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/ownerlookupsettings.h"
#include "owner/ownerlookup.h"

#include <QStringList>

#include <map>
#include <memory>
#include <string>

class QWidget;

namespace hopscope {

// The lookup the saved settings make, shared by every tab (answers are kept for the life of the
// window) until the settings change; null when there is nowhere to look. A database that can no
// longer be opened is left out and named in `problems`.
std::shared_ptr<OwnerLookup> sharedOwnerLookup(QStringList *problems = nullptr);

// Answers kept from earlier runs (the history's cache): the shared lookup, and any made later
// when the settings change, knows them and never asks about them again while it asks the network.
void rememberOwners(const std::map<std::string, AddressOwner> &owners);

// What the shared lookup learnt over the network so far (none when there is none yet).
std::map<std::string, AddressOwner> learnedOwners();

// Lets the user pick the databases (a file dialog), checks each and says which cannot be used.
// Keeps the old choice when the dialog is cancelled; true when the settings changed.
bool chooseOwnerDatabases(QWidget *parent);

} // namespace hopscope
