// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/safetext.h"
#include "helper/helperprotocol.h"
#include "import/pathformat.h"
#include "network/route.h"
#include "packet/checksum.h"
#include "packet/replyparser.h"
#include "path/networkpathjson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <array>
#include <map>
#include <random>

using namespace hopscope;

// Feeds the reader many thousands of mutated and truncated documents grown from the fixtures.
// Every document must either be rejected with a located reason or be accepted as a path that
// survives a write and re-read unchanged. Run under ASan/UBSan in CI, this also proves that no
// input reads out of bounds or overflows.
class NetworkPathFuzzTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mutatedDocumentsNeverCrash();
    void mutatedFilesOfEveryFormatNeverCrash();
    void mutatedHelperRequestsAreCheckedWhole();
    void printableTextIsAlwaysSafe();
    void mutatedIcmpErrorsNeverCrash();

private:
    std::string duplicateAKey(std::string document);
    std::string mutate(const std::string &seed);
    std::string mutateBytes(std::string document);
    std::string mutateValue(const std::string &document);
    std::string mutateLines(const std::string &text);
    std::size_t below(std::size_t bound) { return bound == 0 ? 0 : m_random() % bound; }

    std::vector<std::string> m_seeds;       // NetworkPath documents
    std::vector<std::string> m_formatSeeds; // a file of every format the registry reads
    std::mt19937_64 m_random{0x5eed};
};

void NetworkPathFuzzTest::initTestCase()
{
    QDirIterator it(QStringLiteral(HOPSCOPE_FIXTURES_DIR), QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString name = it.next();
        QFile file(name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string text = file.readAll().toStdString();
        // Other tools' real files seed every reader; Hopscope's and Datadog's seed the
        // NetworkPath reader.
        if (name.contains(QLatin1String("/corpus/")) || name.contains(QLatin1String("/imports/")))
            m_formatSeeds.push_back(text);
        else if (name.endsWith(QLatin1String(".json")))
            m_seeds.push_back(text);
    }
    QVERIFY2(m_seeds.size() >= 5, "the fixtures should provide the seeds");
    QVERIFY2(m_formatSeeds.size() >= 50, "the corpus should provide the seeds");
}

std::string NetworkPathFuzzTest::mutateBytes(std::string document)
{
    static constexpr std::array<std::string_view, 26> kTokens{"{",
                                                              "}",
                                                              "[",
                                                              "]",
                                                              ",",
                                                              ":",
                                                              "\"",
                                                              "null",
                                                              "-1",
                                                              "0",
                                                              "1e999",
                                                              "-0.0",
                                                              "true",
                                                              "\"x\"",
                                                              "256",
                                                              "65536",
                                                              "18446744073709551616",
                                                              "\\u0000",
                                                              "\xff",
                                                              "\\ud800",
                                                              "[[[[[[[[",
                                                              "\"ttl\"",
                                                              "\\u001b[2J",
                                                              "\\u009b",
                                                              "\x1b",
                                                              "\xc2\x9b"};
    const std::size_t at = below(document.size() + 1);
    switch (below(5)) {
    case 0: // truncate
        document.resize(at);
        break;
    case 1: // overwrite one byte
        if (!document.empty())
            document[std::min(at, document.size() - 1)] = static_cast<char>(below(256));
        break;
    case 2: // delete a run
        document.erase(at, below(32));
        break;
    case 3: // duplicate a run
        document.insert(at, document.substr(at, below(64)));
        break;
    default: // insert a token
        document.insert(at, kTokens[below(kTokens.size())]);
        break;
    }
    return document;
}

// Replaces one value anywhere in the document with a value of another type or range, which
// reaches the field checks far more often than byte noise does.
std::string NetworkPathFuzzTest::mutateValue(const std::string &document)
{
    const nlohmann::json parsed = nlohmann::json::parse(document, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return document;
    nlohmann::json flat = parsed.flatten();
    if (flat.empty())
        return document;
    auto it = flat.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(below(flat.size())));
    static const std::array<nlohmann::json, 14> kValues{
        nullptr, true,  false, 0,    -1, 1,     255,
        256,     65535, 1e300, -0.5, "", "TCP", nlohmann::json::object()};
    if (below(4) == 0)
        flat.erase(it);
    else
        *it = kValues[below(kValues.size())];
    try {
        return flat.unflatten().dump();
    } catch (const nlohmann::json::exception &) {
        return document;
    }
}

// Gives one key of an object a twin: `"key": 0,` in front of a key that follows a comma. JSON
// allows it; every reader must refuse it rather than keep one of the two silently.
std::string NetworkPathFuzzTest::duplicateAKey(std::string document)
{
    std::vector<std::size_t> keyStarts;
    for (std::size_t at = document.find(",\""); at != std::string::npos;
         at = document.find(",\"", at + 1))
        keyStarts.push_back(at + 1);
    if (keyStarts.empty())
        return document;
    const std::size_t start = keyStarts[below(keyStarts.size())];
    const std::size_t end = document.find('"', start + 1);
    if (end == std::string::npos || document.compare(end + 1, 1, ":") != 0)
        return document;
    return document.insert(start, document.substr(start, end + 1 - start) + ":0,");
}

std::string NetworkPathFuzzTest::mutate(const std::string &seed)
{
    std::string document = seed;
    const std::size_t rounds = 1 + below(3);
    for (std::size_t i = 0; i < rounds; ++i) {
        const std::size_t kind = below(8);
        document = kind == 0  ? duplicateAKey(std::move(document))
                   : kind < 4 ? mutateValue(document)
                              : mutateBytes(std::move(document));
    }
    return document;
}

void NetworkPathFuzzTest::mutatedDocumentsNeverCrash()
{
    constexpr int kDocuments = 30000;
    int accepted = 0;
    int duplicates = 0;
    for (int i = 0; i < kDocuments; ++i) {
        const std::string document = mutate(m_seeds[below(m_seeds.size())]);
        const auto path = networkPathFromJson(document);
        if (!path) {
            const std::string &message = path.error().message;
            QVERIFY2(!path.error().codeName().empty(), document.c_str());
            QVERIFY2(message.rfind("(document): ", 0) == 0 || message.rfind('/', 0) == 0,
                     message.c_str());
            // Messages are printed on terminals: nothing from the document may drive one.
            QVERIFY2(!containsControlCharacter(message), printable(message).c_str());
            duplicates += path.error().codeName() == "duplicate-key";
            continue;
        }
        ++accepted;
        const auto again = networkPathFromJson(networkPathToJson(*path));
        QVERIFY2(again.hasValue(), document.c_str());
        QVERIFY2(*again == *path, document.c_str());
    }
    qInfo(
        "%d of %d mutated documents accepted, the rest rejected with a reason (%d for a key given "
        "twice)",
        accepted, kDocuments, duplicates);
    QVERIFY(duplicates > kDocuments / 100);
    // Both outcomes must be exercised, or the mutations are not reaching the reader.
    QVERIFY(accepted > kDocuments / 20);
    QVERIFY(accepted < kDocuments - kDocuments / 20);
}

// Whole lines removed, repeated or swapped: the mistakes of a text pasted into a ticket.
std::string NetworkPathFuzzTest::mutateLines(const std::string &text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    const std::size_t at = below(lines.size());
    switch (below(4)) {
    case 0:
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(at));
        break;
    case 1:
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), lines[below(lines.size())]);
        break;
    case 2:
        std::swap(lines[at], lines[below(lines.size())]);
        break;
    default:
        lines.resize(at + 1); // cut short
        break;
    }
    std::string result;
    for (const std::string &line : lines)
        result += line + "\n";
    return result;
}

// Every reader of the registry, each on every mutated file whether or not it claims the text,
// and the registry's own choice: a reader either refuses with a message that names no library
// internals and drives no terminal, or returns at least one path.
void NetworkPathFuzzTest::mutatedFilesOfEveryFormatNeverCrash()
{
    constexpr int kFiles = 3000;
    std::map<std::string_view, int> acceptedBy;
    int chosen = 0;
    for (int i = 0; i < kFiles; ++i) {
        const std::string &seed = m_formatSeeds[below(m_formatSeeds.size())];
        const std::string text = below(2) == 0 ? mutateLines(seed) : mutateBytes(seed);
        const ImportText input(text);
        const auto check = [&text](const Expected<std::vector<NetworkPath>> &paths) {
            if (paths) {
                QVERIFY2(!paths->empty(), text.c_str());
                return;
            }
            const std::string &message = paths.error().message;
            QVERIFY2(!message.empty(), text.c_str());
            QVERIFY2(message.find("json.exception") == std::string::npos, message.c_str());
            QVERIFY2(!containsControlCharacter(message), printable(message).c_str());
        };
        for (const auto &format : pathFormats()) {
            const auto paths = format->read(input);
            check(paths);
            if (paths)
                ++acceptedBy[format->id()];
        }
        const auto paths = readPaths(text);
        check(paths);
        chosen += paths.hasValue();
    }
    qInfo("%d of %d mutated files read by the format chosen for them", chosen, kFiles);
    // Every reader's way to a path must be reached, or the mutations are not testing it.
    for (const auto &format : pathFormats())
        QVERIFY2(acceptedBy[format->id()] > 0, std::string(format->id()).c_str());
}

// The helper's request reader, on requests grown the same way: each line is refused with a code
// and a message free of control characters, or accepted whole as a request whose every text is
// clean and whose target is an address probes may go to.
void NetworkPathFuzzTest::mutatedHelperRequestsAreCheckedWhole()
{
    const std::vector<std::string> seeds = {
        R"({"id":7,"op":"trace","address":"198.18.3.2","protocol":"TCP","port":443,"max_ttl":30,"timeout_ms":1000,"queries":3,"flows":1,"mode":"parallel"})",
        R"({"id":8,"op":"trace","address":"2001:db8::2","protocol":"UDP","address_family":"ipv6","source_port":40000,"rate":50})",
        R"({"id":9,"op":"trace","address":"::ffff:192.0.2.1","protocol":"ICMP","unprivileged":true})",
        R"({"id":10,"op":"cancel"})"};
    constexpr int kRequests = 20000;
    int accepted = 0;
    int duplicates = 0;
    for (int i = 0; i < kRequests; ++i) {
        const std::string line = mutate(seeds[below(seeds.size())]);
        const helper::ParsedRequest parsed = helper::parseRequest(line);
        if (!parsed.request) {
            QVERIFY2(!parsed.error.codeName().empty(), line.c_str());
            QVERIFY2(!containsControlCharacter(parsed.error.message),
                     printable(parsed.error.message).c_str());
            QVERIFY2(helper::errorLine(parsed.id, parsed.error).find('\n') == std::string::npos,
                     line.c_str());
            duplicates += parsed.error.codeName() == "duplicate-key";
            continue;
        }
        ++accepted;
        const helper::Request &request = *parsed.request;
        if (request.op != helper::Request::Op::Trace)
            continue;
        QVERIFY2(!containsControlCharacter(request.trace.target), line.c_str());
        const auto target = IpAddress::parse(request.trace.target);
        QVERIFY2(target, line.c_str());
        QVERIFY2(probeableAddress(*target, request.trace.family), line.c_str());
    }
    qInfo("%d of %d mutated requests accepted (%d refused for a key given twice)", accepted,
          kRequests, duplicates);
    QVERIFY(accepted > kRequests / 20);
    QVERIFY(duplicates > kRequests / 100);
}

// Whatever bytes go in, what comes out has no control character and no broken UTF-8, and
// cleaning it again changes nothing.
void NetworkPathFuzzTest::printableTextIsAlwaysSafe()
{
    for (int i = 0; i < 20000; ++i) {
        std::string raw(below(40), '\0');
        for (char &c : raw)
            c = static_cast<char>(below(4) == 0 ? 0x80 + below(0x40) : below(256));
        const std::string shown = printable(raw);
        QVERIFY(!containsControlCharacter(shown));
        QCOMPARE(printable(shown), shown);
        const nlohmann::json asJson = shown; // valid UTF-8: a JSON writer takes it as it is
        QVERIFY(!asJson.dump().empty());
    }
}

// ICMP errors with RFC 4884 extension structures (MPLS, interface information, unknown objects),
// then bytes flipped, cut, grown, length fields and object lengths set at random, the checksums
// made right again half of the time so that parsing goes deep. A message is read or refused; its
// extensions never make it fail, and what they say reaches no one with a control character.
void NetworkPathFuzzTest::mutatedIcmpErrorsNeverCrash()
{
    const std::vector<std::uint8_t> quote{0x45, 0,    0,    0x1c, 0x12, 0x34, 0,    0,   1,   0x11,
                                          0,    0,    198,  51,   100,  10,   203,  0,   113, 5,
                                          0x9c, 0x41, 0x82, 0x9a, 0,    8,    0xab, 0xcd};
    const std::vector<std::vector<std::uint8_t>> objects{
        {0, 12, 1, 1, 0x06, 0x9f, 0x18, 0x01, 0x00, 0x00, 0x29, 0xff},
        {0,  32,  2,   0x0f, 0,   0,   0,   17,  0,   1, 0, 0, 10, 0, 2, 1,
         12, 'g', 'e', '-',  '0', '/', '0', '/', '1', 0, 0, 0, 0,  0, 5, 0xdc},
        {0, 24, 2, 0x04, 0, 2, 0, 0, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
        {0, 9, 0xfe, 3, 1, 2, 3, 4, 5}};
    int read = 0;
    int noted = 0;
    for (int i = 0; i < 20000; ++i) {
        const bool v6 = below(2) == 1;
        std::vector<std::uint8_t> icmp(8, 0);
        icmp[0] = v6 ? (below(2) ? 3 : 1) : (below(2) ? 11 : 3);
        if (below(4) != 0)
            icmp[v6 ? 4 : 5] = static_cast<std::uint8_t>(v6 ? 16 : 32);
        std::vector<std::uint8_t> body = quote;
        if (v6) {
            body.assign(40, 0);
            body[0] = 0x60;
            body[6] = 17;
            body.insert(body.end(), quote.begin() + 20, quote.end());
        }
        body.resize(128, 0);
        std::vector<std::uint8_t> structure{0x20, 0, 0, 0};
        for (std::size_t n = below(4) + 1; n > 0; --n) {
            const auto &object = objects[below(objects.size())];
            structure.insert(structure.end(), object.begin(), object.end());
        }
        const std::uint16_t structureSum = internetChecksum(structure);
        structure[2] = static_cast<std::uint8_t>(structureSum >> 8);
        structure[3] = static_cast<std::uint8_t>(structureSum);
        icmp.insert(icmp.end(), body.begin(), body.end());
        icmp.insert(icmp.end(), structure.begin(), structure.end());
        for (std::size_t n = below(6); n > 0; --n) {
            const std::size_t at = below(icmp.size());
            switch (below(4)) {
            case 0:
                icmp[at] ^= static_cast<std::uint8_t>(1u << below(8));
                break;
            case 1:
                icmp[at] = static_cast<std::uint8_t>(below(256));
                break;
            case 2:
                icmp.resize(at + 1);
                break;
            default:
                icmp.insert(icmp.begin() + static_cast<long>(at), below(9), 0);
            }
        }
        if (below(2) == 0 && icmp.size() >= 4) {
            icmp[2] = icmp[3] = 0;
            const std::uint16_t sum = internetChecksum(icmp);
            icmp[2] = static_cast<std::uint8_t>(sum >> 8);
            icmp[3] = static_cast<std::uint8_t>(sum);
        }
        Expected<IcmpMessage> message = Error{ErrorCode::Malformed, ""};
        if (v6) {
            message = parseIcmpV6(icmp, *IpAddress::parse("2001:db8::1"));
        } else {
            std::vector<std::uint8_t> packet{0x45, 0, 0,   0, 0, 0, 0,   0,  64,  1,
                                             0,    0, 192, 0, 2, 1, 198, 51, 100, 10};
            packet.insert(packet.end(), icmp.begin(), icmp.end());
            message = parseIcmpV4(packet);
        }
        const IcmpExtensions direct = parseIcmpExtensions(icmp, v6);
        for (const std::string &note : direct.notes)
            QVERIFY2(!containsControlCharacter(note), note.c_str());
        for (const InterfaceInformation &interface : direct.interfaces)
            QVERIFY(!containsControlCharacter(interfaceText(interface)));
        QVERIFY(!containsControlCharacter(mplsText(direct.mpls)));
        if (!message)
            continue;
        ++read;
        noted += !message->extensions.notes.empty();
        QCOMPARE(message->extensions, direct);
    }
    qInfo("%d of 20000 mutated ICMP errors read, %d with a note on their extensions", read, noted);
    QVERIFY(read > 2000);
    QVERIFY(noted > 200);
}

QTEST_GUILESS_MAIN(NetworkPathFuzzTest)
#include "tst_networkpathfuzz.moc"
