#include "path/networkpathjson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <array>
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

private:
    std::string mutate(const std::string &seed);
    std::string mutateBytes(std::string document);
    std::string mutateValue(const std::string &document);
    std::size_t below(std::size_t bound) { return bound == 0 ? 0 : m_random() % bound; }

    std::vector<std::string> m_seeds;
    std::mt19937_64 m_random{0x5eed};
};

void NetworkPathFuzzTest::initTestCase()
{
    QDirIterator it(QStringLiteral(HOPSCOPE_FIXTURES_DIR), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_seeds.push_back(file.readAll().toStdString());
    }
    QVERIFY2(m_seeds.size() >= 5, "the fixtures should provide the seeds");
}

std::string NetworkPathFuzzTest::mutateBytes(std::string document)
{
    static constexpr std::array<std::string_view, 22> kTokens{
        "{", "}", "[", "]", ",", ":", "\"", "null", "-1", "0", "1e999", "-0.0", "true", "\"x\"",
        "256", "65536", "18446744073709551616", "\\u0000", "\xff", "\\ud800", "[[[[[[[[", "\"ttl\""};
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
        nullptr, true, false, 0, -1, 1, 255, 256, 65535, 1e300, -0.5, "", "TCP",
        nlohmann::json::object()};
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

std::string NetworkPathFuzzTest::mutate(const std::string &seed)
{
    std::string document = seed;
    const std::size_t rounds = 1 + below(3);
    for (std::size_t i = 0; i < rounds; ++i)
        document = below(2) == 0 ? mutateValue(document) : mutateBytes(std::move(document));
    return document;
}

void NetworkPathFuzzTest::mutatedDocumentsNeverCrash()
{
    constexpr int kDocuments = 30000;
    int accepted = 0;
    for (int i = 0; i < kDocuments; ++i) {
        const std::string document = mutate(m_seeds[below(m_seeds.size())]);
        const auto path = networkPathFromJson(document);
        if (!path) {
            const std::string &message = path.error().message;
            QVERIFY2(!path.error().code.empty(), document.c_str());
            QVERIFY2(message.rfind("(document): ", 0) == 0 || message.rfind('/', 0) == 0,
                     message.c_str());
            continue;
        }
        ++accepted;
        const auto again = networkPathFromJson(networkPathToJson(*path));
        QVERIFY2(again.hasValue(), document.c_str());
        QVERIFY2(*again == *path, document.c_str());
    }
    qInfo("%d of %d mutated documents accepted, the rest rejected with a reason", accepted,
          kDocuments);
    // Both outcomes must be exercised, or the mutations are not reaching the reader.
    QVERIFY(accepted > kDocuments / 20);
    QVERIFY(accepted < kDocuments - kDocuments / 20);
}

QTEST_GUILESS_MAIN(NetworkPathFuzzTest)
#include "tst_networkpathfuzz.moc"
