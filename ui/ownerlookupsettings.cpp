// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/ownerlookupsettings.h"

#include "client/dnstxtresolver.h"
#include "common/safetext.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>

namespace hopscope {

namespace {

struct Shared
{
    bool online = false;
    QStringList databases;
    std::shared_ptr<OwnerLookup> lookup;
    QStringList problems;
    std::map<std::string, AddressOwner> remembered;
    bool made = false;
};

Shared &shared()
{
    static Shared instance;
    return instance;
}

// The lookup's resolver has a thread with an event loop: it ends with the application, not
// after it among the statics.
void forgetSharedLookup()
{
    shared() = Shared{};
}

} // namespace

std::shared_ptr<OwnerLookup> sharedOwnerLookup(QStringList *problems)
{
    const OwnerLookupSettings settings = loadOwnerLookupSettings();
    Shared &current = shared();
    if (!current.made || current.online != settings.online ||
        current.databases != settings.databases) {
        OwnerSources sources;
        current.problems.clear();
        for (const QString &file : settings.databases) {
            auto database = MmdbDatabase::open(file.toStdString());
            if (database)
                sources.databases.push_back(std::move(*database));
            else
                current.problems << QString::fromStdString(database.error().message);
        }
        if (settings.online)
            sources.txt = systemTxtQuery();
        current.lookup = sources.databases.empty() && !sources.txt
                             ? nullptr
                             : std::make_shared<OwnerLookup>(std::move(sources));
        // Kept answers stand in for the network's: with the network off, the databases speak.
        if (current.lookup && current.lookup->asksTheNetwork())
            current.lookup->remember(current.remembered);
        current.online = settings.online;
        current.databases = settings.databases;
        if (!current.made)
            qAddPostRoutine(forgetSharedLookup);
        current.made = true;
    }
    if (problems)
        *problems = current.problems;
    return current.lookup;
}

void rememberOwners(const std::map<std::string, AddressOwner> &owners)
{
    Shared &current = shared();
    for (const auto &[address, owner] : owners)
        current.remembered.insert_or_assign(address, owner);
    if (current.lookup && current.lookup->asksTheNetwork())
        current.lookup->remember(owners);
}

std::map<std::string, AddressOwner> learnedOwners()
{
    const Shared &current = shared();
    return current.lookup ? current.lookup->learned() : std::map<std::string, AddressOwner>{};
}

bool chooseOwnerDatabases(QWidget *parent)
{
    OwnerLookupSettings settings = loadOwnerLookupSettings();
    const QStringList files = QFileDialog::getOpenFileNames(
        parent, QObject::tr("Owner Databases"),
        settings.databases.isEmpty() ? QString() : settings.databases.constFirst(),
        QObject::tr("MaxMind databases (*.mmdb);;All files (*)"));
    if (files.isEmpty())
        return false;
    QStringList usable;
    QStringList refused;
    for (const QString &file : files) {
        const auto database = MmdbDatabase::open(file.toStdString());
        if (database)
            usable << file;
        else
            refused << QString::fromStdString(printable(database.error().message));
    }
    if (!refused.isEmpty())
        QMessageBox::warning(
            parent, QObject::tr("Owner Databases"),
            QObject::tr("These files cannot be used:\n\n%1").arg(refused.join(QLatin1Char('\n'))));
    if (usable.isEmpty())
        return false;
    settings.databases = usable;
    saveOwnerLookupSettings(settings);
    return true;
}

} // namespace hopscope
