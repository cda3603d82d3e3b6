// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/errorcode.h"
#include "owner/cymru.h"
#include "owner/lookupscope.h"
#include "owner/mmdbdatabase.h"
#include "owner/ownerlookup.h"
#include "owner/pathowners.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hopscope;

namespace {

const QString kWriter = QStringLiteral(HOPSCOPE_FIXTURES_DIR "/mmdb/write-test-mmdb.pl");

IpAddress address(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("test bug: %s is no address", text);
    return *parsed;
}

} // namespace

class AddressOwnerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlyPublicAddressesAreLookedUp_data();
    void onlyPublicAddressesAreLookedUp();
    void cymruQueryNames_data();
    void cymruQueryNames();
    void readsCymruOrigins_data();
    void readsCymruOrigins();
    void refusesMalformedCymruOrigins_data();
    void refusesMalformedCymruOrigins();
    void readsCymruAsNames_data();
    void readsCymruAsNames();
    void readsEveryDatabaseShape_data();
    void readsEveryDatabaseShape();
    void databasesAnswerTogether();
    void refusesFilesThatAreNoOwnerDatabase_data();
    void refusesFilesThatAreNoOwnerDatabase();
    void lookupAsksEachThingOnce();
    void lookupTellsProblemsOnce();
    void databaseThatKnowsTheAsIsTheOnlySource();
    void rememberedAnswersAreNotAskedAgain();
    void fileAsksOnlyWhatItLacks();
    void hugeFileAsksABoundedNumber();
    void labelsAreShort_data();
    void labelsAreShort();

private:
    // Writes a database with MaxMind's own writer; see write-test-mmdb.pl.
    QString writeDatabase(const QString &kind, const QByteArrayList &entries);

    QTemporaryDir m_dir;
    int m_written = 0;
};

void AddressOwnerTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString AddressOwnerTest::writeDatabase(const QString &kind, const QByteArrayList &entries)
{
    const QString file = m_dir.filePath(QStringLiteral("%1-%2.mmdb").arg(kind).arg(++m_written));
    QProcess writer;
    QStringList arguments{kWriter, kind, file};
    for (const QByteArray &entry : entries)
        arguments << QString::fromUtf8(entry);
    writer.start(QStringLiteral("perl"), arguments);
    if (!writer.waitForFinished(60000) || writer.exitCode() != 0)
        qWarning("%s", writer.readAllStandardError().constData());
    return QFile::exists(file) ? file : QString();
}

void AddressOwnerTest::onlyPublicAddressesAreLookedUp_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("lookedUp");
    QTest::newRow("private 10/8") << "10.0.0.1" << false;
    QTest::newRow("private 172.16/12") << "172.31.255.1" << false;
    QTest::newRow("172.32 is public") << "172.32.0.1" << true;
    QTest::newRow("private 192.168/16") << "192.168.1.1" << false;
    QTest::newRow("shared 100.64/10") << "100.127.0.1" << false;
    QTest::newRow("100.128 is public") << "100.128.0.1" << true;
    QTest::newRow("link-local") << "169.254.3.4" << false;
    QTest::newRow("loopback") << "127.0.0.53" << false;
    QTest::newRow("this network") << "0.1.2.3" << false;
    QTest::newRow("multicast") << "224.0.0.251" << false;
    QTest::newRow("broadcast") << "255.255.255.255" << false;
    QTest::newRow("benchmarking 198.18/15") << "198.19.200.1" << true;
    QTest::newRow("documentation") << "192.0.2.1" << true;
    QTest::newRow("public v4") << "193.0.14.129" << true;
    QTest::newRow("v6 loopback") << "::1" << false;
    QTest::newRow("v6 unspecified") << "::" << false;
    QTest::newRow("v6 unique-local") << "fd12:3456::1" << false;
    QTest::newRow("v6 link-local") << "fe80::1" << false;
    QTest::newRow("v6 multicast") << "ff02::1" << false;
    QTest::newRow("v6 global") << "2001:db8::1" << true;
    QTest::newRow("v4-mapped private") << "::ffff:10.1.2.3" << false;
    QTest::newRow("v4-mapped public") << "::ffff:193.0.14.129" << true;
}

void AddressOwnerTest::onlyPublicAddressesAreLookedUp()
{
    QFETCH(QString, address);
    QFETCH(bool, lookedUp);
    QCOMPARE(hasPublicOwner(::address(qPrintable(address))), lookedUp);
}

void AddressOwnerTest::cymruQueryNames_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("query");
    QTest::newRow("v4") << "198.18.1.2"
                        << "2.1.18.198.origin.asn.cymru.com";
    QTest::newRow("v4-mapped") << "::ffff:198.18.1.2"
                               << "2.1.18.198.origin.asn.cymru.com";
    // Team Cymru's own example: 2001:4860:b002::68.
    QTest::newRow("v6") << "2001:4860:b002::68"
                        << "8.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.b.0.6.8.4.1.0.0.2."
                           "origin6.asn.cymru.com";
}

void AddressOwnerTest::cymruQueryNames()
{
    QFETCH(QString, address);
    QFETCH(QString, query);
    QCOMPARE(QString::fromStdString(cymruOriginQuery(::address(qPrintable(address)))), query);
    QCOMPARE(cymruAsQuery(64500), std::string("AS64500.asn.cymru.com"));
}

void AddressOwnerTest::readsCymruOrigins_data()
{
    QTest::addColumn<QByteArrayList>("records");
    QTest::addColumn<uint>("asn");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("country");
    // Answers in the form Team Cymru documents.
    QTest::newRow("one record")
        << QByteArrayList{"23028 | 216.90.108.0/24 | US | arin | 1998-09-25"} << 23028u
        << "216.90.108.0/24"
        << "US";
    QTest::newRow("v6") << QByteArrayList{"15169 | 2001:4860::/32 | US | arin | 2005-03-14"}
                        << 15169u << "2001:4860::/32"
                        << "US";
    QTest::newRow("most specific of several")
        << QByteArrayList{"64500 | 198.18.0.0/15 | NL | ripencc | 2000-01-01",
                          "64501 | 198.18.4.0/24 | DE | ripencc | 2010-01-01",
                          "64502 | 198.18.0.0/16 | FR | ripencc |"}
        << 64501u << "198.18.4.0/24"
        << "DE";
    QTest::newRow("several ASes announce it")
        << QByteArrayList{"64500 64511 | 198.18.0.0/15 | nl | ripencc | 2000-01-01"} << 64500u
        << "198.18.0.0/15"
        << "NL";
    QTest::newRow("no country, no date")
        << QByteArrayList{"4200000000|198.18.0.0/15||other|"} << 4200000000u << "198.18.0.0/15"
        << "";
}

void AddressOwnerTest::readsCymruOrigins()
{
    QFETCH(QByteArrayList, records);
    QFETCH(uint, asn);
    QFETCH(QString, prefix);
    QFETCH(QString, country);
    std::vector<std::string> texts;
    for (const QByteArray &record : records)
        texts.push_back(record.toStdString());
    const auto origin = parseCymruOrigin(texts);
    QVERIFY2(origin.hasValue(), origin ? "" : origin.error().message.c_str());
    QCOMPARE(origin->asn, asn);
    QCOMPARE(QString::fromStdString(origin->prefix), prefix);
    QCOMPARE(QString::fromStdString(origin->country), country);
}

void AddressOwnerTest::refusesMalformedCymruOrigins_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("message");
    QTest::newRow("not the format") << QByteArray("v=spf1 -all") << "fields separated by '|'";
    QTest::newRow("AS 0") << QByteArray("0 | 198.18.0.0/15 | NL") << "does not start with an AS";
    QTest::newRow("AS past 32 bits")
        << QByteArray("4294967296 | 198.18.0.0/15 | NL") << "does not start with an AS";
    QTest::newRow("AS with letters")
        << QByteArray("AS64500 | 198.18.0.0/15 | NL") << "does not start with an AS";
    QTest::newRow("no prefix length") << QByteArray("64500 | 198.18.0.0 | NL") << "names no prefix";
    QTest::newRow("prefix too long")
        << QByteArray("64500 | 198.18.0.0/33 | NL") << "names no prefix";
    QTest::newRow("prefix of a name")
        << QByteArray("64500 | example.net/16 | NL") << "names no prefix";
    QTest::newRow("country of three letters")
        << QByteArray("64500 | 198.18.0.0/15 | NLD") << "two-letter country";
    QTest::newRow("escape sequence") << QByteArray("\x1b]0;owned\x07 | 198.18.0.0/15 | NL")
                                     << "\"?]0;owned? | 198.18.0.0/15 | NL\"";
}

void AddressOwnerTest::refusesMalformedCymruOrigins()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, message);
    const auto origin = parseCymruOrigin({record.toStdString()});
    QVERIFY(!origin.hasValue());
    QCOMPARE(origin.error().code, ErrorCode::Malformed);
    const QString text = QString::fromStdString(origin.error().message);
    QVERIFY2(text.contains(message), qPrintable(text));
    QVERIFY(!text.contains(QChar(0x1b)));
    QCOMPARE(parseCymruOrigin({}).error().code, ErrorCode::NotFound);
}

void AddressOwnerTest::readsCymruAsNames_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("name"); // empty: refused
    QTest::newRow("documented") << QByteArray(
                                       "23028 | US | arin | 2002-01-04 | TEAMCYMRU - SAUNET, US")
                                << "TEAMCYMRU - SAUNET, US";
    QTest::newRow("no date") << QByteArray("64500|ZZ|other||EXAMPLE-NET Example Net")
                             << "EXAMPLE-NET Example Net";
    QTest::newRow("UTF-8 name") << QByteArray("64500 | DE | ripencc | 2001-01-01 | MÜNCHEN-NET, DE")
                                << "MÜNCHEN-NET, DE";
    QTest::newRow("control characters")
        << QByteArray("64500 | ZZ | x | y | A\x1b[31mB") << "A?[31mB";
    QTest::newRow("overlong") << QByteArray("64500 | ZZ | x | y | ") + QByteArray(500, 'N')
                              << QString(200, QLatin1Char('N'));
    QTest::newRow("no name") << QByteArray("64500 | ZZ | arin | 2002-01-04 | ") << "";
    QTest::newRow("too few fields") << QByteArray("64500 | ZZ | EXAMPLE") << "";
}

void AddressOwnerTest::readsCymruAsNames()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, name);
    const auto parsed = parseCymruAsName({record.toStdString()});
    if (name.isEmpty()) {
        QVERIFY(!parsed.hasValue());
        QVERIFY(!QString::fromStdString(parsed.error().message).contains(QChar(0x1b)));
        return;
    }
    QVERIFY2(parsed.hasValue(), parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(QString::fromStdString(*parsed), name);
}

void AddressOwnerTest::readsEveryDatabaseShape_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArrayList>("entries");
    QTest::addColumn<QString>("address");
    QTest::addColumn<uint>("asn"); // 0: none
    QTest::addColumn<QString>("asName");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("country");
    const QByteArrayList asn{"198.18.0.0/16=64500:Example Net", "198.19.0.0/16=64501:Other Net",
                             "2001:db8::/32=64502:Documentation Net"};
    QTest::newRow("ASN, v4") << "asn" << asn << "198.18.1.2" << 64500u << "Example Net"
                             << "198.18.0.0/16"
                             << "";
    QTest::newRow("ASN, v4-mapped") << "asn" << asn << "::ffff:198.19.3.4" << 64501u << "Other Net"
                                    << "198.19.0.0/16"
                                    << "";
    QTest::newRow("ASN, v6") << "asn" << asn << "2001:db8:1::9" << 64502u << "Documentation Net"
                             << "2001:db8::/32"
                             << "";
    QTest::newRow("ASN, no entry") << "asn" << asn << "192.0.2.1" << 0u << ""
                                   << ""
                                   << "";
    QTest::newRow("country") << "country" << QByteArrayList{"198.18.0.0/15=NL"} << "198.19.0.1"
                             << 0u << ""
                             << ""
                             << "NL";
    QTest::newRow("IPinfo Lite") << "ipinfo" << QByteArrayList{"198.18.0.0/15=64500:Example Net:de"}
                                 << "198.18.7.7" << 64500u << "Example Net"
                                 << "198.18.0.0/15"
                                 << "DE";
}

void AddressOwnerTest::readsEveryDatabaseShape()
{
    QFETCH(QString, kind);
    QFETCH(QByteArrayList, entries);
    QFETCH(QString, address);
    QFETCH(uint, asn);
    QFETCH(QString, asName);
    QFETCH(QString, prefix);
    QFETCH(QString, country);
    const QString file = writeDatabase(kind, entries);
    QVERIFY(!file.isEmpty());
    const auto database = MmdbDatabase::open(file.toStdString());
    QVERIFY2(database.hasValue(), database ? "" : database.error().message.c_str());
    const auto owner = (*database)->lookup(::address(qPrintable(address)));
    if (asn == 0 && country.isEmpty()) {
        QVERIFY(!owner);
        return;
    }
    QVERIFY(owner);
    QCOMPARE(owner->asn.value_or(0), asn);
    QCOMPARE(QString::fromStdString(owner->asName), asName);
    QCOMPARE(QString::fromStdString(owner->prefix), prefix);
    QCOMPARE(QString::fromStdString(owner->country), country);
    QCOMPARE(QString::fromStdString(owner->source),
             QStringLiteral("mmdb:") + file.section(QLatin1Char('/'), -1));
}

void AddressOwnerTest::databasesAnswerTogether()
{
    const QString asnFile =
        writeDatabase(QStringLiteral("asn"), {"198.18.0.0/16=64500:Example Net"});
    const QString countryFile = writeDatabase(QStringLiteral("country"), {"198.18.0.0/15=NL"});
    std::vector<std::unique_ptr<MmdbDatabase>> databases;
    for (const QString &file : {countryFile, asnFile}) {
        auto database = MmdbDatabase::open(file.toStdString());
        QVERIFY(database.hasValue());
        databases.push_back(std::move(*database));
    }
    const auto both = lookupInDatabases(databases, address("198.18.0.9"));
    QVERIFY(both);
    QCOMPARE(both->asn, std::optional<std::uint32_t>(64500));
    QCOMPARE(both->country, std::string("NL"));
    QCOMPARE(
        QString::fromStdString(both->source),
        QStringLiteral("mmdb:%1+%2")
            .arg(countryFile.section(QLatin1Char('/'), -1), asnFile.section(QLatin1Char('/'), -1)));
    const auto countryOnly = lookupInDatabases(databases, address("198.19.0.9"));
    QVERIFY(countryOnly && !countryOnly->asn);
    QCOMPARE(countryOnly->source,
             "mmdb:" + countryFile.section(QLatin1Char('/'), -1).toStdString());
    QVERIFY(!lookupInDatabases(databases, address("192.0.2.1")));
}

void AddressOwnerTest::refusesFilesThatAreNoOwnerDatabase_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "missing"
                             << "cannot be read: No such file or directory";
    QTest::newRow("a text file") << "text"
                                 << "is not a MaxMind database (.mmdb), or it is damaged";
    QTest::newRow("cut short") << "truncated"
                               << "is not a MaxMind database (.mmdb), or it is damaged";
    QTest::newRow("damaged metadata") << "damaged"
                                      << "is not a MaxMind database (.mmdb), or it is damaged";
    QTest::newRow("wrong type") << "anonymous"
                                << "is a \"GeoIP2-Anonymous-IP\" database, which holds neither AS "
                                   "numbers nor countries";
}

void AddressOwnerTest::refusesFilesThatAreNoOwnerDatabase()
{
    QFETCH(QString, what);
    QFETCH(QString, message);
    QString file = m_dir.filePath(what + QStringLiteral(".mmdb"));
    if (what == QLatin1String("text")) {
        QFile text(file);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("198.18.0.0/15,64500,Example Net\n");
    } else if (what == QLatin1String("anonymous")) {
        file = writeDatabase(what, {"198.18.0.0/15"});
    } else if (what != QLatin1String("missing")) {
        const QString good =
            writeDatabase(QStringLiteral("asn"), {"198.18.0.0/16=64500:Example Net"});
        QFile in(good);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        if (what == QLatin1String("truncated")) {
            bytes.truncate(bytes.size() / 3); // the metadata sits at the end
        } else {
            // The metadata's marker stays; what follows it no longer decodes.
            const qsizetype marker = bytes.lastIndexOf("\xab\xcd\xefMaxMind.com");
            QVERIFY(marker > 0);
            for (qsizetype i = marker + 14; i < bytes.size(); ++i)
                bytes[i] = char(0xff);
        }
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    const auto database = MmdbDatabase::open(file.toStdString());
    QVERIFY(!database.hasValue());
    const QString text = QString::fromStdString(database.error().message);
    QVERIFY2(text.startsWith(file), qPrintable(text));
    QVERIFY2(text.endsWith(message), qPrintable(text));
}

namespace {

// A DNS server of TXT records in a map: every question is counted; a name it does not hold gets
// `missing` (no such name unless told otherwise).
struct FakeTxt
{
    std::map<std::string, std::vector<std::string>> records;
    Error missing{ErrorCode::NotFound, "no such name"};
    std::vector<std::string> asked;

    TxtQuery query()
    {
        return [this](const std::string &name) {
            asked.push_back(name);
            std::promise<TxtAnswer> answer;
            const auto found = records.find(name);
            if (found != records.end())
                answer.set_value(found->second);
            else
                answer.set_value(missing);
            return answer.get_future().share();
        };
    }
};

std::vector<IpAddress> addresses(std::initializer_list<const char *> texts)
{
    std::vector<IpAddress> list;
    for (const char *text : texts)
        list.push_back(address(text));
    return list;
}

const auto kSoon = [] { return std::chrono::steady_clock::now() + std::chrono::seconds(1); };

} // namespace

void AddressOwnerTest::lookupAsksEachThingOnce()
{
    FakeTxt dns;
    dns.records["2.1.18.198.origin.asn.cymru.com"] = {"64500 | 198.18.1.0/24 | NL | ripencc |"};
    dns.records["2.2.18.198.origin.asn.cymru.com"] = {"64500 | 198.18.2.0/24 | NL | ripencc |"};
    dns.records["AS64500.asn.cymru.com"] = {"64500 | NL | ripencc | | EXAMPLE-NET - Example, NL"};
    OwnerLookup lookup({{}, dns.query()});
    const auto path = addresses({"10.0.0.1", "198.18.1.2", "198.18.2.2", "192.0.2.9", "fe80::1"});
    lookup.prefetch(path);
    auto owners = lookup.owners(path, kSoon());
    QCOMPARE(int(owners.size()), 2);
    QCOMPARE(owners.at("198.18.1.2").asn, std::optional<std::uint32_t>(64500));
    QCOMPARE(owners.at("198.18.2.2").asName, std::string("EXAMPLE-NET - Example, NL"));
    QCOMPARE(owners.at("198.18.2.2").prefix, std::string("198.18.2.0/24"));
    QCOMPARE(owners.at("198.18.2.2").source, std::string("cymru"));
    QVERIFY(owners.at("198.18.2.2").lookedUpAtMs > 0);
    // The private and link-local addresses were never asked about; the AS's name once.
    QCOMPARE(dns.asked, (std::vector<std::string>{
                            "2.1.18.198.origin.asn.cymru.com", "2.2.18.198.origin.asn.cymru.com",
                            "9.2.0.192.origin.asn.cymru.com", "AS64500.asn.cymru.com"}));
    // Asked again, nothing more is sent, answered or not.
    QCOMPARE(lookup.owners(path, kSoon()), owners);
    QCOMPARE(lookup.queriesSent(), 4);
    QVERIFY(lookup.finished(path));
    QVERIFY(lookup.takeProblems().empty()); // no AS for 192.0.2.9 is no problem
}

// A file's hops, probes and monitored rows: each public responder without an owner, once, in the
// path's order; those the file gives an owner (a lookup's, or its own AS number) are not asked.
void AddressOwnerTest::fileAsksOnlyWhatItLacks()
{
    NetworkPath path;
    const auto hop = [](int ttl, const char *address, std::optional<std::uint32_t> asn = {}) {
        PathHop made;
        made.ttl = ttl;
        made.ipAddress = address;
        made.reachable = true;
        made.asn = asn;
        return made;
    };
    path.hops = {hop(1, "10.0.0.1"), hop(2, "198.18.1.2"), hop(3, "198.18.2.2", 64500),
                 hop(4, "198.18.3.2"), hop(5, "198.18.1.2")};
    path.hopscope.emplace();
    path.hopscope->owners["198.18.3.2"] = AddressOwner{64501, {}, {}, {}, kOwnerSourceCymru, 1};
    ProbeSample probe;
    probe.responder = "198.18.9.2";
    path.hopscope->probes = {probe};
    std::vector<std::string> asked;
    for (const IpAddress &address : respondersWithoutOwner(path))
        asked.push_back(address.toString());
    QCOMPARE(asked, (std::vector<std::string>{"198.18.1.2", "198.18.9.2"}));

    // What a lookup finds is added; what the file said stays.
    FakeTxt dns;
    dns.records["2.1.18.198.origin.asn.cymru.com"] = {"64502 | 198.18.1.0/24 | NL | ripencc |"};
    OwnerLookup lookup({{}, dns.query()});
    std::vector<NetworkPath> paths{path};
    QCOMPARE(lookUpMissingOwners(paths, lookup), std::string());
    QCOMPARE(ownerOf(paths[0], "198.18.1.2")->asn, std::optional<std::uint32_t>(64502));
    QCOMPARE(ownerOf(paths[0], "198.18.3.2")->asn, std::optional<std::uint32_t>(64501));
    QCOMPARE(ownerOf(paths[0], "198.18.2.2")->asn, std::optional<std::uint32_t>(64500));
    QVERIFY(respondersWithoutOwner(paths[0]) ==
            std::vector<IpAddress>{*IpAddress::parse("198.18.9.2")});
}

// A file naming tens of thousands of responders (a hostile or a huge one) does not become as
// many DNS queries: kMaxFileOwnerLookups are asked about, and the rest is said to be left out.
void AddressOwnerTest::hugeFileAsksABoundedNumber()
{
    NetworkPath path;
    for (int i = 0; i < 20'000; ++i) {
        PathHop hop;
        hop.ttl = 1 + i % 30;
        hop.ipAddress = "198.18." + std::to_string(i / 250) + "." + std::to_string(1 + i % 250);
        hop.reachable = true;
        path.hops.push_back(hop);
    }
    FakeTxt dns;
    dns.missing = Error{ErrorCode::NotFound, "no such name"};
    OwnerLookup lookup({{}, dns.query()});
    std::vector<NetworkPath> paths{path, path};
    QCOMPARE(lookUpMissingOwners(paths, lookup),
             "AS lookups: " + std::to_string(kMaxFileOwnerLookups) +
                 " of the file's 40000 "
                 "responders without an owner were asked about; the others stay unknown");
    QCOMPARE(lookup.queriesSent(), int(kMaxFileOwnerLookups));
}

void AddressOwnerTest::lookupTellsProblemsOnce()
{
    FakeTxt dns;
    dns.records["2.1.18.198.origin.asn.cymru.com"] = {"v=spf1 -all"};
    dns.missing = Error{ErrorCode::TimedOut, "no answer from the DNS server within 2 s"};
    OwnerLookup lookup({{}, dns.query()});
    const auto path = addresses({"198.18.1.2", "198.18.2.2", "198.18.3.2"});
    QVERIFY(lookup.owners(path, kSoon()).empty());
    const std::vector<std::string> problems = lookup.takeProblems();
    QCOMPARE(problems,
             (std::vector<std::string>{
                 "AS lookup of 198.18.1.2: the answer \"v=spf1 -all\" has 1 fields separated by "
                 "'|' where 3 or more were expected",
                 "AS lookups: no answer from the DNS server within 2 s"}));
    QVERIFY(lookup.takeProblems().empty());
}

void AddressOwnerTest::databaseThatKnowsTheAsIsTheOnlySource()
{
    FakeTxt dns;
    dns.records["2.3.18.198.origin.asn.cymru.com"] = {"64501 | 198.18.3.0/24 | DE | ripencc |"};
    OwnerSources sources;
    auto database = MmdbDatabase::open(
        writeDatabase(QStringLiteral("asn"), {"198.18.1.0/24=64500:Example Net"}).toStdString());
    QVERIFY(database.hasValue());
    sources.databases.push_back(std::move(*database));
    sources.txt = dns.query();
    OwnerLookup lookup(std::move(sources));
    const auto owners = lookup.owners(addresses({"198.18.1.2", "198.18.3.2"}), kSoon());
    QCOMPARE(owners.at("198.18.1.2").asn, std::optional<std::uint32_t>(64500));
    QVERIFY(owners.at("198.18.1.2").source.rfind("mmdb:", 0) == 0);
    QCOMPARE(owners.at("198.18.3.2").asn, std::optional<std::uint32_t>(64501));
    QCOMPARE(dns.asked, (std::vector<std::string>{"2.3.18.198.origin.asn.cymru.com",
                                                  "AS64501.asn.cymru.com"}));
}

void AddressOwnerTest::rememberedAnswersAreNotAskedAgain()
{
    FakeTxt dns;
    dns.records["2.2.18.198.origin.asn.cymru.com"] = {"64501 | 198.18.2.0/24 | DE | ripencc |"};
    OwnerLookup lookup({{}, dns.query()});
    const AddressOwner kept{64500u, "EXAMPLE-NET", "198.18.1.0/24", "NL", kOwnerSourceCymru, 5};
    lookup.remember({{"198.18.1.2", kept}, {"10.0.0.1", kept}});
    const auto owners = lookup.owners(addresses({"198.18.1.2", "198.18.2.2", "10.0.0.1"}), kSoon());
    QCOMPARE(owners.at("198.18.1.2"), kept);
    QVERIFY(!owners.count("10.0.0.1")); // nobody's on the Internet, whatever was kept
    QCOMPARE(dns.asked, (std::vector<std::string>{"2.2.18.198.origin.asn.cymru.com",
                                                  "AS64501.asn.cymru.com"}));
    // Only what this run learnt is worth keeping.
    const auto learned = lookup.learned();
    QCOMPARE(learned.size(), std::size_t(1));
    QCOMPARE(learned.at("198.18.2.2").asn, std::optional<std::uint32_t>(64501));
}

void AddressOwnerTest::labelsAreShort_data()
{
    QTest::addColumn<uint>("asn");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("label");
    QTest::newRow("Team Cymru's form") << 64500u << "EXAMPLE-NET - Example Net, NL"
                                       << "AS64500 EXAMPLE-NET";
    QTest::newRow("a database's") << 15169u << "Google LLC"
                                  << "AS15169 Google LLC";
    QTest::newRow("country only") << 3320u << "DTAG, DE"
                                  << "AS3320 DTAG";
    QTest::newRow("no name") << 64501u << ""
                             << "AS64501";
    QTest::newRow("long") << 64502u << "A-VERY-LONG-NETWORK-NAME-THAT-GOES-ON"
                          << "AS64502 A-VERY-LONG-NETWORK-NAME";
}

void AddressOwnerTest::labelsAreShort()
{
    QFETCH(uint, asn);
    QFETCH(QString, name);
    QFETCH(QString, label);
    QCOMPARE(QString::fromStdString(asLabel({asn, name.toStdString(), {}, {}, {}, 0})), label);
    QCOMPARE(asLabel({}), std::string());
}

QTEST_GUILESS_MAIN(AddressOwnerTest)
#include "tst_addressowner.moc"
