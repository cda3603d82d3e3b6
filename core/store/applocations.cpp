// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/applocations.h"

#include "version.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace hopscope {

namespace {

const QString kFolder = QStringLiteral("hopscope");
const QString kLegacyFolder = QStringLiteral("Hopscope");

QString configHome()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
}

QString dataHome()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
}

bool isEmptyFolder(const QString &path)
{
    return QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden |
                              QDir::System);
}

// A folder that is not empty, or anything that is not a folder at all, is in use.
bool inUse(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() && (!info.isDir() || !isEmptyFolder(path));
}

// Copies a folder's regular files and subfolders, for when a rename cannot cross file systems.
bool copyFolder(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    QDirIterator entries(from,
                         QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
    while (entries.hasNext()) {
        entries.next();
        const QFileInfo entry = entries.fileInfo();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(entry.filePath()));
        if (entry.isSymLink())
            return false; // nothing of ours is a link: leave such a folder alone
        if (entry.isDir() ? !QDir().mkpath(target) : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

bool moveFolder(const QString &from, const QString &to)
{
    if (QDir().rename(from, to))
        return true;
    if (!copyFolder(from, to)) {
        QDir(to).removeRecursively();
        return false;
    }
    return QDir(from).removeRecursively();
}

void removeIfEmpty(const QString &folder)
{
    if (QFileInfo(folder).isDir() && isEmptyFolder(folder))
        QDir().rmdir(folder);
}

void migrateSettings(LegacyMigration &migration)
{
    const QString legacyFolder = QDir(configHome()).filePath(kLegacyFolder);
    const QString legacy = QDir(legacyFolder).filePath(QStringLiteral("Hopscope.conf"));
    const QString current = QDir(configHome()).filePath(kFolder + QStringLiteral("/hopscope.conf"));
    if (!QFileInfo(legacy).isFile() || QFileInfo(legacy).isSymLink())
        return;
    if (QFileInfo::exists(current)) {
        migration.leftAlone << QStringLiteral("%1: %2 is in use").arg(legacy, current);
        return;
    }
    if (!QDir().mkpath(QFileInfo(current).path()) || !QFile::rename(legacy, current)) {
        migration.problems << QCoreApplication::translate("LegacyMigration",
                                                          "Could not move the settings %1 to %2.")
                                  .arg(legacy, current);
        return;
    }
    migration.moved << QStringLiteral("%1 -> %2").arg(legacy, current);
    removeIfEmpty(legacyFolder);
}

void migrateData(LegacyMigration &migration)
{
    const QString legacyParent = QDir(dataHome()).filePath(kLegacyFolder);
    const QString legacy = QDir(legacyParent).filePath(kLegacyFolder);
    const QString current = dataDirectory();
    const QFileInfo legacyInfo(legacy);
    if (!legacyInfo.isDir() || legacyInfo.isSymLink())
        return;
    if (inUse(current)) {
        migration.leftAlone << QStringLiteral("%1: %2 is in use").arg(legacy, current);
        return;
    }
    removeIfEmpty(current);
    if (!QDir().mkpath(dataHome()) || !moveFolder(legacy, current)) {
        migration.problems << QCoreApplication::translate("LegacyMigration",
                                                          "Could not move the history %1 to %2.")
                                  .arg(legacy, current);
        return;
    }
    migration.moved << QStringLiteral("%1 -> %2").arg(legacy, current);
    removeIfEmpty(legacyParent);
}

} // namespace

void useApplicationIdentity()
{
    QCoreApplication::setOrganizationName(kFolder);
    QCoreApplication::setApplicationName(kFolder);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
}

QString dataDirectory()
{
    return QDir(dataHome()).filePath(kFolder);
}

LegacyMigration migrateLegacyLocations()
{
    LegacyMigration migration;
    migrateSettings(migration);
    migrateData(migration);
    return migration;
}

} // namespace hopscope
