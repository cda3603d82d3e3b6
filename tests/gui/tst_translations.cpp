// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "isolatedsettings.h"
#include "ui/mainwindow.h"
#include "ui/targetbar.h"
#include "ui/translations.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <set>

using namespace hopscope;

namespace {

// Every string the menus and the target bar show, in a fixed order, each with where it is.
using Shown = std::vector<std::pair<QString, QString>>;

void addText(Shown &shown, const QString &where, const QString &text)
{
    if (!text.isEmpty())
        shown.emplace_back(where, text);
}

void collectMenu(Shown &shown, const QMenu *menu, const QString &where)
{
    addText(shown, where + QStringLiteral(" title"), menu->title());
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (action->menu())
            collectMenu(shown, action->menu(), where + QStringLiteral(" > ") + action->text());
        else {
            addText(shown, where + QStringLiteral(" > item"), action->text());
            // Only a tooltip of its own: Qt makes one from the text otherwise.
            if (action->toolTip() != QString(action->text()).remove(QLatin1Char('&')))
                addText(shown, where + QStringLiteral(" > tooltip"), action->toolTip());
        }
    }
}

void collectWidget(Shown &shown, const QWidget *widget)
{
    const QString where = QString::fromLatin1(widget->metaObject()->className());
    addText(shown, where + QStringLiteral(" tooltip"), widget->toolTip());
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        addText(shown, where, label->text());
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        addText(shown, where, button->text());
    if (const auto *line = qobject_cast<const QLineEdit *>(widget))
        addText(shown, where + QStringLiteral(" placeholder"), line->placeholderText());
    if (const auto *combo = qobject_cast<const QComboBox *>(widget))
        for (int i = 0; i < combo->count(); ++i)
            addText(shown, where + QStringLiteral(" item"), combo->itemText(i));
    if (const auto *spin = qobject_cast<const QAbstractSpinBox *>(widget))
        addText(shown, where + QStringLiteral(" special value"), spin->specialValueText());
    if (const auto *spin = qobject_cast<const QSpinBox *>(widget)) {
        addText(shown, where + QStringLiteral(" prefix"), spin->prefix());
        addText(shown, where + QStringLiteral(" suffix"), spin->suffix());
    }
}

Shown shownBy(const MainWindow &window)
{
    Shown shown;
    for (const QAction *action : window.menuBar()->actions())
        if (action->menu())
            collectMenu(shown, action->menu(), QStringLiteral("menu"));
    const auto *bar = window.findChild<TargetBar *>();
    if (bar)
        for (const QWidget *widget : bar->findChildren<QWidget *>())
            collectWidget(shown, widget);
    addText(shown, QStringLiteral("window title"), window.windowTitle());
    return shown;
}

// The German catalogue's source texts.
std::set<QString> readSources(const QString &fileName)
{
    std::set<QString> sources;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return sources;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement &&
            xml.name() == QLatin1String("source"))
            sources.insert(xml.readElementText());
    return sources;
}

// What German writes as English does, in the menus and the target bar: protocol names, units,
// loanwords. Anything else shown the same in both languages was not translated.
const std::set<QString> kSameInGerman = {
    QStringLiteral("Hopscope"), QStringLiteral("TCP"),   QStringLiteral("UDP"),
    QStringLiteral("ICMP"),     QStringLiteral("IPv4"),  QStringLiteral("IPv6"),
    QStringLiteral(" ms"),      QStringLiteral("DSCP"),  QStringLiteral("Flows"),
    QStringLiteral("Parallel"), QStringLiteral("Start"), QStringLiteral("Start (Enter)")};

} // namespace

// The window in German: every string of its menus and its target bar comes from the German
// catalogue, none is left in English, and every English one is a catalogued source.
class TranslationsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void menusAndTargetBarSpeakGerman();
    void englishNeedsNoTranslation();
    void theProgramFollowsTheLocale_data();
    void theProgramFollowsTheLocale();

private:
    QTemporaryDir m_settings;
};

void TranslationsTest::initTestCase()
{
    QVERIFY(m_settings.isValid());
    testing::isolateSettingsAndHistory(m_settings.path());
}

void TranslationsTest::menusAndTargetBarSpeakGerman()
{
    const std::set<QString> sources = readSources(QStringLiteral(HOPSCOPE_TRANSLATION_DE));
    QVERIFY2(sources.size() > 300, "the German catalogue was read");

    Shown english;
    {
        MainWindow window;
        english = shownBy(window);
    }
    QVERIFY2(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)),
             "the German translation is built into the window");
    Shown german;
    {
        MainWindow window;
        german = shownBy(window);
    }
    QVERIFY2(english.size() > 60, qPrintable(QString::number(english.size())));
    const auto listed = [](const Shown &shown) {
        QStringList lines;
        for (const auto &[where, text] : shown)
            lines << where + QStringLiteral(": ") + text;
        return lines.join(QLatin1Char('\n'));
    };
    QVERIFY2(german.size() == english.size(),
             qPrintable(listed(english) + QStringLiteral("\n----\n") + listed(german)));

    QStringList untranslated;
    QStringList uncatalogued;
    for (std::size_t i = 0; i < english.size(); ++i) {
        const auto &[where, text] = english[i];
        if (sources.count(text) == 0)
            uncatalogued << QStringLiteral("%1: \"%2\"").arg(where, text);
        else if (german[i].second == text && kSameInGerman.count(text) == 0)
            untranslated << QStringLiteral("%1: \"%2\"").arg(where, text);
    }
    qInfo("%zu strings in the menus and the target bar", english.size());
    QVERIFY2(uncatalogued.isEmpty(), qPrintable(QStringLiteral("not passed through tr():\n") +
                                                uncatalogued.join(QLatin1Char('\n'))));
    QVERIFY2(untranslated.isEmpty(), qPrintable(QStringLiteral("still in English:\n") +
                                                untranslated.join(QLatin1Char('\n'))));
    // Spot checks of what a German user reads first.
    const auto shows = [&german](const QString &text) {
        return std::any_of(german.begin(), german.end(),
                           [&text](const auto &entry) { return entry.second == text; });
    };
    QVERIFY(shows(QStringLiteral("&Datei")));
    QVERIFY(shows(QStringLiteral("Ö&ffnen…")));
    QVERIFY(shows(QStringLiteral("Hostname oder Adresse")));
}

void TranslationsTest::englishNeedsNoTranslation()
{
    QVERIFY(!installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)));
}

void TranslationsTest::theProgramFollowsTheLocale_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("description");
    const QString german = QStringLiteral("Den Netzwerkpfad zu einem Ziel sehen.");
    const QString english = QStringLiteral("See the network path to a destination.");
    QTest::newRow("LANGUAGE=de") << QStringLiteral("LANGUAGE") << QStringLiteral("de") << german;
    QTest::newRow("LANG=de_DE") << QStringLiteral("LANG") << QStringLiteral("de_DE.UTF-8")
                                << german;
    QTest::newRow("LC_ALL=de_AT") << QStringLiteral("LC_ALL") << QStringLiteral("de_AT.UTF-8")
                                  << german;
    QTest::newRow("LANG=C") << QStringLiteral("LANG") << QStringLiteral("C.UTF-8") << english;
    QTest::newRow("LANGUAGE=fr") << QStringLiteral("LANGUAGE") << QStringLiteral("fr") << english;
}

// The program itself, started in a locale: its help (answered before any window, through the
// same translations) speaks the locale's language, and English where it has none.
void TranslationsTest::theProgramFollowsTheLocale()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, description);
    QProcess program;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.insert(variable, value);
    program.setProcessEnvironment(environment);
    program.start(QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope"), {QStringLiteral("--help")});
    QVERIFY(program.waitForFinished(30000));
    QCOMPARE(program.exitCode(), 0);
    const QString help = QString::fromUtf8(program.readAllStandardOutput());
    QVERIFY2(help.contains(description), qPrintable(help));
}

QTEST_MAIN(TranslationsTest)
#include "tst_translations.moc"
