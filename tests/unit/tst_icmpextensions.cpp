// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/bytes.h"
#include "packet/checksum.h"
#include "packet/icmpextensions.h"
#include "packet/replyparser.h"
#include "packetcrafting.h"

#include <QTest>

#include <netinet/in.h>

using namespace hopscope;
using namespace hopscope::testing;

Q_DECLARE_METATYPE(hopscope::testing::Bytes)

namespace {

Bytes hex(const char *text)
{
    Bytes bytes;
    const QByteArray digits = QByteArray(text).simplified().replace(' ', "");
    const QByteArray raw = QByteArray::fromHex(digits);
    bytes.assign(raw.begin(), raw.end());
    return bytes;
}

// ICMP errors routers on the Internet sent to Trippy and that its authors keep as test data
// (github.com/fujiapple852/trippy, crates/trippy-packet/src/icmp_extension.rs). Each is the ICMP
// message from its type byte on.

// IPv4 time exceeded without the RFC 4884 length, the quote padded to 128 bytes, one MPLS label.
const char *const kV4WithoutLength = "0b 00 f4 ff 00 00 00 00 45 00 00 54 cc 1c 40 00 01 01 b5 f4 "
                                     "c0 a8 01 15 5d b8 d8 22 08 00 0f e3"
                                     "65 da 82 42 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                     "00 00 00 00 00 00 00 00 00 00 00 00"
                                     "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                     "00 00 00 00 00 00 00 00 00 00 00 00"
                                     "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                     "00 00 00 00 00 00 00 00 00 00 00 00"
                                     "00 00 00 00 00 00 00 00 20 00 99 3a 00 08 01 01 04 bb 41 01";
// IPv4 time exceeded with the RFC 4884 length (17 words) and no extensions.
const char *const kV4LengthNoExtensions = "0b 00 f4 ee 00 11 00 00 45 00 00 54 a2 ee 40 00 01 01 "
                                          "df 22 c0 a8 01 15 5d b8 d8 22 08 00 0f e1"
                                          "65 da 82 44 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                          "00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                                          "00 00 00 00 00 00 00 00 00 00 00 00";
// IPv4 time exceeded with the RFC 4884 length (17 words), padded to 128 bytes, one MPLS label; the
// probe reached this router with TTL 2.
const char *const kV4LengthPadded = "0b 00 f4 ee 00 11 00 00 45 00 00 54 20 c3 40 00 02 01 b5 7e "
                                    "64 63 08 2a 5d b8 d8 22 08 00 11 8d"
                                    "65 83 80 ef 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                    "00 00 00 00 00 00 00 00 00 00 00 00"
                                    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                    "00 00 00 00 00 00 00 00 00 00 00 00"
                                    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
                                    "00 00 00 00 00 00 00 00 00 00 00 00"
                                    "00 00 00 00 00 00 00 00 20 00 78 56 00 08 01 01 65 9f 01 01";
// ICMPv6 time exceeded with the RFC 4884 length (10 words of 8), two MPLS labels.
const char *const kV6TwoLabels =
    "03 00 be a8 0a 00 00 00 68 04 83 fe 00 2c 3a 01 24 00 61 80 00 00 00 d0 00 00 00 00 12 65 b0 "
    "01"
    "24 04 68 00 40 03 0c 1c 00 00 00 00 00 00 00 8a 80 00 b2 e1 2a 60 80 f2 00 00 00 00 00 00 00 "
    "00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00"
    "00 00 00 00 00 00 00 00 20 00 96 53 00 0c 01 01 06 9f 18 01 00 00 29 ff";
// ICMPv6 time exceeded whose RFC 4884 length (16 words, 128 bytes) is longer than its 84-byte
// quote: malformed.
const char *const kV6LengthTooLong =
    "03 00 5a b4 10 00 00 00 68 0e 0d 91 00 2c 3a 01 24 00 61 80 00 00 00 d0 00 00 00 00 12 65 b0 "
    "01"
    "24 04 68 00 40 03 0c 05 00 00 00 00 00 00 00 71 80 00 a8 e7 34 88 80 f4 00 00 00 00 00 00 00 "
    "00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

// An extension structure (version 2, checksum set unless told) holding `objects`.
Bytes structure(const Bytes &objects, int version = 2, bool checksum = true)
{
    Bytes bytes{static_cast<std::uint8_t>(version << 4), 0, 0, 0};
    bytes.insert(bytes.end(), objects.begin(), objects.end());
    if (checksum)
        putU16(bytes, 2, internetChecksum(bytes));
    return bytes;
}

Bytes object(std::uint8_t classNumber, std::uint8_t classType, const Bytes &payload)
{
    Bytes bytes{0, 0, classNumber, classType};
    putU16(bytes, 0, static_cast<std::uint16_t>(4 + payload.size()));
    bytes.insert(bytes.end(), payload.begin(), payload.end());
    return bytes;
}

// An ICMPv4 time exceeded quoting a 28-byte UDP probe, its quote padded to 128 bytes and its
// length field set (unless told), then `extension`.
Bytes timeExceededV4(const Bytes &extension, bool lengthField = true)
{
    Bytes icmp(8, 0);
    icmp[0] = 11;
    if (lengthField)
        icmp[5] = 128 / 4;
    Bytes quote = hex("45 00 00 1c 12 34 00 00 01 11 00 00 c6 33 64 0a cb 00 71 05"
                      "9c 41 82 9a 00 08 ab cd");
    quote.resize(128, 0);
    icmp.insert(icmp.end(), quote.begin(), quote.end());
    icmp.insert(icmp.end(), extension.begin(), extension.end());
    putU16(icmp, 2, internetChecksum(icmp));
    return icmp;
}

// RFC 5837's interface information object: incoming interface, ifIndex 17, IPv4 address 10.0.2.1,
// name "ge-0/0/1" and MTU 1500.
Bytes interfaceObject(std::uint8_t flags = 0x0f)
{
    Bytes payload;
    if (flags & 0x08)
        payload.insert(payload.end(), {0, 0, 0, 17});
    if (flags & 0x04)
        payload.insert(payload.end(), {0, 1, 0, 0, 10, 0, 2, 1});
    if (flags & 0x02)
        payload.insert(payload.end(), {12, 'g', 'e', '-', '0', '/', '0', '/', '1', 0, 0, 0});
    if (flags & 0x01)
        payload.insert(payload.end(), {0, 0, 0x05, 0xdc});
    return object(2, flags, payload);
}

QString labels(const std::vector<MplsLabel> &stack)
{
    return QString::fromStdString(mplsText(stack));
}

} // namespace

class IcmpExtensionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realMessages_data();
    void realMessages();
    void interfaceInformation_data();
    void interfaceInformation();
    void malformedExtensions_data();
    void malformedExtensions();
    void unknownObjectsAreKept();
    void quoteTellsTrafficClassAndTtl();
};

void IcmpExtensionsTest::realMessages_data()
{
    QTest::addColumn<Bytes>("message");
    QTest::addColumn<bool>("ipv6");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("quotedTtl");
    QTest::addColumn<QString>("mpls");
    QTest::addColumn<int>("notes");
    QTest::newRow("IPv4, no length field, one label")
        << hex(kV4WithoutLength) << false << "192.168.1.21" << 1
        << "[MPLS: Lbl 19380 TC 0 S 1 TTL 1]" << 0;
    QTest::newRow("IPv4, length field, no extensions")
        << hex(kV4LengthNoExtensions) << false << "192.168.1.21" << 1 << "" << 0;
    QTest::newRow("IPv4, length field, quote padded, one label")
        << hex(kV4LengthPadded) << false << "100.99.8.42" << 2
        << "[MPLS: Lbl 416240 TC 0 S 1 TTL 1]" << 0;
    QTest::newRow("IPv6, length field, two labels")
        << hex(kV6TwoLabels) << true << "2400:6180:0:d0::1265:b001" << 1
        << "[MPLS: Lbl 27121 TC 4 S 0 TTL 1] [MPLS: Lbl 2 TC 4 S 1 TTL 255]" << 0;
    QTest::newRow("IPv6, length field past the end")
        << hex(kV6LengthTooLong) << true << "2400:6180:0:d0::1265:b001" << 1 << "" << 1;
}

void IcmpExtensionsTest::realMessages()
{
    QFETCH(Bytes, message);
    QFETCH(bool, ipv6);
    QFETCH(QString, source);
    const auto parsed =
        ipv6 ? parseIcmpV6(message, v6("2001:db8::1"))
             : parseIcmpV4(ipv4Packet(v4("192.0.2.1"), v4("192.0.2.2"), IPPROTO_ICMP, message));
    QVERIFY2(parsed.hasValue(), parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(int(parsed->kind), int(IcmpKind::TimeExceeded));
    QVERIFY(parsed->quote.has_value());
    QCOMPARE(QString::fromStdString(parsed->quote->source.toString()), source);
    QTEST(int(parsed->quote->ttl), "quotedTtl");
    QTEST(labels(parsed->extensions.mpls), "mpls");
    QTEST(int(parsed->extensions.notes.size()), "notes");
    QVERIFY(parsed->extensions.unknown.empty());
}

void IcmpExtensionsTest::interfaceInformation_data()
{
    QTest::addColumn<Bytes>("object");
    QTest::addColumn<QString>("text");
    QTest::newRow("every part") << interfaceObject() << "in ifindex 17 ge-0/0/1 10.0.2.1 mtu 1500";
    QTest::newRow("ifIndex only") << interfaceObject(0x08) << "in ifindex 17";
    QTest::newRow("name and MTU") << interfaceObject(0x03) << "in ge-0/0/1 mtu 1500";
    Bytes outgoing = interfaceObject(0x0c);
    outgoing[3] |= 0x80; // role 2: the outgoing interface
    QTest::newRow("outgoing interface") << outgoing << "out ifindex 17 10.0.2.1";
    QTest::newRow("IPv6 address") << object(2, 0x04, {0, 2, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0,
                                                      0, 0, 0, 0, 0,    0,    0,    0,    0, 0x2a})
                                  << "in 2001:db8::2a";
    Bytes escape = interfaceObject(0x02);
    escape[5] = 0x1b; // an escape character in the name reaches no terminal
    QTest::newRow("control character in the name") << escape << "in ?e-0/0/1";
}

void IcmpExtensionsTest::interfaceInformation()
{
    QFETCH(Bytes, object);
    const Bytes mpls = ::object(1, 1, {0x00, 0x06, 0x44, 0xff, 0x00, 0x01, 0x11, 0xfe});
    Bytes objects = mpls;
    objects.insert(objects.end(), object.begin(), object.end());
    const auto extensions = parseIcmpExtensions(timeExceededV4(structure(objects)), false);
    QVERIFY(extensions.notes.empty());
    QCOMPARE(labels(extensions.mpls),
             QStringLiteral("[MPLS: Lbl 100 TC 2 S 0 TTL 255] [MPLS: Lbl 17 TC 0 S 1 TTL 254]"));
    QCOMPARE(extensions.interfaces.size(), std::size_t(1));
    QTEST(QString::fromStdString(interfaceText(extensions.interfaces.front())), "text");
}

void IcmpExtensionsTest::malformedExtensions_data()
{
    QTest::addColumn<Bytes>("message");
    QTest::addColumn<QString>("note");
    const Bytes label = object(1, 1, {0x00, 0x06, 0x41, 0xff});
    QTest::newRow("version 1") << timeExceededV4(structure(label, 1)) << "version 1";
    Bytes spoilt = structure(label);
    spoilt[3] ^= 0x40;
    QTest::newRow("checksum spoilt") << timeExceededV4(spoilt) << "checksum";
    Bytes shortObject = label;
    shortObject[1] = 2;
    QTest::newRow("object shorter than its header")
        << timeExceededV4(structure(shortObject)) << "does not fit";
    Bytes longObject = label;
    longObject[1] = 40;
    QTest::newRow("object longer than the message")
        << timeExceededV4(structure(longObject)) << "does not fit";
    QTest::newRow("label stack of 3 bytes")
        << timeExceededV4(structure(object(1, 1, {0, 6, 0x41}))) << "not a multiple of 4";
    QTest::newRow("empty label stack")
        << timeExceededV4(structure(object(1, 1, {}))) << "not a multiple of 4";
    QTest::newRow("interface address family 9")
        << timeExceededV4(structure(object(2, 0x04, {0, 9, 0, 0, 10, 0, 2, 1})))
        << "address family 9";
    QTest::newRow("interface name length 3")
        << timeExceededV4(structure(object(2, 0x02, {3, 'a', 'b', 0}))) << "name length";
    QTest::newRow("interface name past the end")
        << timeExceededV4(structure(object(2, 0x02, {16, 'a', 'b', 'c'}))) << "name length";
    QTest::newRow("interface ifIndex cut")
        << timeExceededV4(structure(object(2, 0x08, {0, 0}))) << "ifIndex cut short";
    QTest::newRow("interface with bytes its flags do not announce")
        << timeExceededV4(structure(object(2, 0x08, {0, 0, 0, 1, 0, 0, 0, 0}))) << "4 bytes more";
    Bytes header = timeExceededV4({});
    header.insert(header.end(), {0x20, 0});
    header[2] = header[3] = 0;
    putU16(header, 2, internetChecksum(header));
    QTest::newRow("structure header cut") << header << "too few";
}

void IcmpExtensionsTest::malformedExtensions()
{
    QFETCH(Bytes, message);
    QFETCH(QString, note);
    const auto parsed =
        parseIcmpV4(ipv4Packet(v4("192.0.2.1"), v4("198.51.100.10"), IPPROTO_ICMP, message));
    // The message itself stays readable: only the extensions are left out.
    QVERIFY2(parsed.hasValue(), parsed ? "" : parsed.error().message.c_str());
    QVERIFY(parsed->quote.has_value());
    QCOMPARE(parsed->extensions.notes.size(), std::size_t(1));
    const QString said = QString::fromStdString(parsed->extensions.notes.front());
    QVERIFY2(said.contains(note), qPrintable(said));
    QVERIFY(parsed->extensions.interfaces.empty());
}

void IcmpExtensionsTest::unknownObjectsAreKept()
{
    Bytes objects = object(0xfe, 7, {1, 2, 3, 4, 5});
    const Bytes label = object(1, 1, {0x00, 0x06, 0x41, 0xff});
    objects.insert(objects.end(), label.begin(), label.end());
    const auto extensions = parseIcmpExtensions(timeExceededV4(structure(objects)), false);
    QVERIFY(extensions.notes.empty());
    QCOMPARE(extensions.unknown.size(), std::size_t(1));
    QCOMPARE(int(extensions.unknown.front().classNumber), 0xfe);
    QCOMPARE(int(extensions.unknown.front().classType), 7);
    QCOMPARE(extensions.unknown.front().payload, (std::vector<std::uint8_t>{1, 2, 3, 4, 5}));
    QCOMPARE(labels(extensions.mpls), QStringLiteral("[MPLS: Lbl 100 TC 0 S 1 TTL 255]"));

    // Without the length field, bytes after 128 count only when they prove to be a structure.
    const auto unproven =
        parseIcmpExtensions(timeExceededV4(structure(label, 2, false), false), false);
    QVERIFY(unproven.empty());
    QVERIFY(unproven.notes.empty());
    const auto proven = parseIcmpExtensions(timeExceededV4(structure(label), false), false);
    QCOMPARE(labels(proven.mpls), QStringLiteral("[MPLS: Lbl 100 TC 0 S 1 TTL 255]"));
}

void IcmpExtensionsTest::quoteTellsTrafficClassAndTtl()
{
    // A quote whose TOS byte is 0xb9 (DSCP 46, ECN 1) and TTL 3, answered with TTL 61.
    Bytes message = timeExceededV4({});
    message[9] = 0xb9;
    message[16] = 3;
    message[2] = message[3] = 0;
    putU16(message, 2, internetChecksum(message));
    const auto parsed =
        parseIcmpV4(ipv4Packet(v4("192.0.2.1"), v4("198.51.100.10"), IPPROTO_ICMP, message, 61));
    QVERIFY(parsed.hasValue());
    QCOMPARE(int(parsed->quote->trafficClass), 0xb9);
    QCOMPARE(int(parsed->quote->ttl), 3);
    QCOMPARE(int(parsed->ttl.value_or(0)), 61);
    QVERIFY(parsed->extensions.empty());
}

QTEST_APPLESS_MAIN(IcmpExtensionsTest)
#include "tst_icmpextensions.moc"
