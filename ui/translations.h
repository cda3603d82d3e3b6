// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QLocale>

class QCoreApplication;

namespace hopscope {

// Installs the window's translation for `locale` (the user's languages, in their order of
// preference: LANGUAGE, LC_ALL, LC_MESSAGES, LANG) and Qt's own for its dialogs, when there is
// one; English needs none. Returns whether the window's own was found.
bool installTranslations(QCoreApplication &application, const QLocale &locale = QLocale());

} // namespace hopscope
