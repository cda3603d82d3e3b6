// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace hopscope {

bool installTranslations(QCoreApplication &application, const QLocale &locale)
{
    // Built into the program (resources/translations); Qt's come with qt6-translations-l10n.
    auto *own = new QTranslator(&application);
    const bool found = own->load(locale, QStringLiteral("hopscope"), QStringLiteral("_"),
                                 QStringLiteral(":/i18n"));
    if (found)
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(&application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return found;
}

} // namespace hopscope
