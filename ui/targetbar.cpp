// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/targetbar.h"

#include "probe/udpmethod.h"
#include "trace/tracerun.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QWidgetAction>

namespace hopscope {

namespace {

constexpr int kHistorySize = 20;
const auto kHistoryKey = QStringLiteral("trace/targets");

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &suffix = {})
{
    auto *box = new QSpinBox();
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

} // namespace

TargetBar::TargetBar(QWidget *parent)
    : QWidget(parent), m_target(new QComboBox(this)), m_protocol(new QComboBox(this)),
      m_port(spinBox(1, 65535, kDefaultTcpPort)), m_options(new QToolButton(this)),
      m_traceMode(new QToolButton(this)), m_monitorMode(new QToolButton(this)),
      m_start(new QPushButton(this)), m_maxTtl(spinBox(1, 255, 30)),
      m_timeout(spinBox(kMinTimeoutMs, kMaxTimeoutMs, 1000, tr(" ms"))),
      m_queries(spinBox(1, kMaxQueries, 3)), m_flows(spinBox(1, kMaxFlows, 1)),
      m_sourcePort(spinBox(0, 65535, 0)), m_traceOrder(new QComboBox()), m_family(new QComboBox()),
      m_dscp(spinBox(0, 63, 0)), m_pathMtu(new QCheckBox(tr("Find the path MTU"))),
      m_interval(spinBox(kMinMonitorIntervalMs, kMaxMonitorIntervalMs, kDefaultMonitorIntervalMs,
                         tr(" ms")))
{
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setMinimumContentsLength(28);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->lineEdit()->setPlaceholderText(tr("Host name or address"));
    m_target->lineEdit()->setClearButtonEnabled(true);
    m_target->setToolTip(tr("Where to trace to (Enter starts)"));
    m_target->installEventFilter(this);
    m_target->lineEdit()->installEventFilter(this);

    m_protocol->addItem(tr("TCP"), static_cast<int>(Protocol::Tcp));
    m_protocol->addItem(tr("UDP"), static_cast<int>(Protocol::Udp));
    m_protocol->addItem(tr("ICMP"), static_cast<int>(Protocol::Icmp));
    m_protocol->setToolTip(tr("TCP SYN, UDP or ICMP echo probes"));
    m_port->setToolTip(tr("Destination port"));
    m_port->setPrefix(tr("port "));

    m_traceOrder->addItem(tr("Parallel"), static_cast<int>(TraceMode::Parallel));
    m_traceOrder->addItem(tr("Sequential"), static_cast<int>(TraceMode::Sequential));
    m_family->addItem(tr("Any"), static_cast<int>(AddressFamily::Any));
    m_family->addItem(tr("IPv4"), static_cast<int>(AddressFamily::IPv4));
    m_family->addItem(tr("IPv6"), static_cast<int>(AddressFamily::IPv6));

    m_options->setText(tr("Options"));
    m_options->setPopupMode(QToolButton::InstantPopup);
    m_options->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_options);
    auto *panel = new QWidgetAction(menu);
    panel->setDefaultWidget(createOptionsPanel());
    menu->addAction(panel);
    m_options->setMenu(menu);

    m_traceMode->setText(tr("Trace"));
    m_traceMode->setToolTip(tr("One trace: every hop once, then stop"));
    m_monitorMode->setText(tr("Monitor"));
    m_monitorMode->setToolTip(
        tr("Trace again every interval until stopped, with statistics and route changes"));
    auto *modes = new QButtonGroup(this);
    for (QToolButton *button : {m_traceMode, m_monitorMode}) {
        button->setCheckable(true);
        button->setAutoRaise(false);
        modes->addButton(button);
    }
    m_traceMode->setChecked(true);
    connect(m_monitorMode, &QToolButton::toggled, this, [this](bool monitoring) {
        m_pathMtu->setEnabled(!monitoring);
        const int shown = m_queries->value();
        m_queries->setValue(m_queriesOfOtherMode);
        m_queriesOfOtherMode = shown;
    });

    m_start->setDefault(true);
    m_start->setMinimumWidth(88);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_running)
            Q_EMIT stopRequested();
        else
            Q_EMIT startRequested();
    });
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &TargetBar::updatePortForProtocol);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_target, 1);
    layout->addWidget(m_protocol);
    layout->addWidget(m_port);
    layout->addWidget(m_options);
    layout->addSpacing(8);
    layout->addWidget(m_traceMode);
    layout->addWidget(m_monitorMode);
    layout->addSpacing(8);
    layout->addWidget(m_start);

    loadSettings();
    setRunning(false);
}

QWidget *TargetBar::createOptionsPanel()
{
    auto *panel = new QWidget();
    auto *form = new QFormLayout(panel);
    form->setContentsMargins(12, 10, 12, 10);
    m_maxTtl->setToolTip(tr("Highest TTL probed"));
    m_queries->setToolTip(
        tr("Probes per TTL. Monitoring asks each router once a round by default: routers answer "
           "about one probe a second, and more shows loss that is only their ICMP budget."));
    m_flows->setToolTip(tr("Flows with distinct source ports, to find load-balanced paths"));
    form->addRow(tr("Max TTL"), m_maxTtl);
    form->addRow(tr("Timeout"), m_timeout);
    form->addRow(tr("Queries per TTL"), m_queries);
    form->addRow(tr("Flows"), m_flows);
    m_sourcePort->setSpecialValueText(tr("automatic"));
    m_sourcePort->setToolTip(tr("Source port of the first flow; the others count up from it"));
    form->addRow(tr("First source port"), m_sourcePort);
    form->addRow(tr("Order"), m_traceOrder);
    form->addRow(tr("Address family"), m_family);
    m_dscp->setToolTip(tr("DSCP of the probes (0-63). Routers quote it back, so the hop table "
                          "shows where it is rewritten on the way."));
    form->addRow(tr("DSCP"), m_dscp);
    m_pathMtu->setToolTip(
        tr("Probes as large as the outgoing interface's MTU, with don't-fragment, shrink where a "
           "router says they are too big: the verdict tells the path MTU and where it drops. A "
           "single trace only; needs raw sockets or the helper."));
    form->addRow(QString(), m_pathMtu);
    form->addRow(tr("Monitor interval"), m_interval);
    return panel;
}

void TargetBar::updatePortForProtocol()
{
    const auto protocol = static_cast<Protocol>(m_protocol->currentData().toInt());
    m_port->setEnabled(protocol != Protocol::Icmp);
    if (protocol == Protocol::Udp && m_port->value() == kDefaultTcpPort)
        m_port->setValue(kDefaultUdpPort);
    else if (protocol == Protocol::Tcp && m_port->value() == kDefaultUdpPort)
        m_port->setValue(kDefaultTcpPort);
}

TraceRequest TargetBar::request(QString *error) const
{
    TraceRequest request;
    request.target = m_target->currentText().trimmed().toStdString();
    request.protocol = static_cast<Protocol>(m_protocol->currentData().toInt());
    if (request.protocol != Protocol::Icmp)
        request.port = static_cast<std::uint16_t>(m_port->value());
    request.maxTtl = m_maxTtl->value();
    request.timeoutMs = m_timeout->value();
    request.queries = m_queries->value();
    request.flows = m_flows->value();
    if (request.protocol != Protocol::Icmp && m_sourcePort->value() > 0)
        request.sourcePort = static_cast<std::uint16_t>(m_sourcePort->value());
    request.mode = static_cast<TraceMode>(m_traceOrder->currentData().toInt());
    request.family = static_cast<AddressFamily>(m_family->currentData().toInt());
    request.trafficClass = static_cast<std::uint8_t>(m_dscp->value() << 2);
    request.findPathMtu = m_pathMtu->isChecked() && mode() == TraceSession::Mode::Trace;
    if (const auto checked = normaliseTraceRequest(request); !checked && error)
        *error = QString::fromStdString(checked.error().message);
    return request;
}

TraceSession::Mode TargetBar::mode() const
{
    return m_monitorMode->isChecked() ? TraceSession::Mode::Monitor : TraceSession::Mode::Trace;
}

void TargetBar::setMode(TraceSession::Mode mode)
{
    (mode == TraceSession::Mode::Monitor ? m_monitorMode : m_traceMode)->setChecked(true);
}

int TargetBar::intervalMs() const
{
    return m_interval->value();
}

void TargetBar::setRunning(bool running)
{
    m_running = running;
    m_start->setText(running ? tr("Stop") : tr("Start"));
    m_start->setToolTip(running ? tr("Stop (Esc)") : tr("Start (Enter)"));
    for (QWidget *widget : {static_cast<QWidget *>(m_target), static_cast<QWidget *>(m_protocol),
                            static_cast<QWidget *>(m_options), static_cast<QWidget *>(m_traceMode),
                            static_cast<QWidget *>(m_monitorMode)})
        widget->setEnabled(!running);
    m_port->setEnabled(!running &&
                       static_cast<Protocol>(m_protocol->currentData().toInt()) != Protocol::Icmp);
}

void TargetBar::rememberTarget(const QString &host)
{
    const int existing = m_target->findText(host);
    if (existing >= 0)
        m_target->removeItem(existing);
    m_target->insertItem(0, host);
    while (m_target->count() > kHistorySize)
        m_target->removeItem(m_target->count() - 1);
    m_target->setCurrentIndex(0);
    saveSettings();
}

void TargetBar::focusTarget()
{
    m_target->setFocus();
    m_target->lineEdit()->selectAll();
}

bool TargetBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !m_running) {
            Q_EMIT startRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TargetBar::loadSettings()
{
    QSettings settings;
    m_target->addItems(settings.value(kHistoryKey).toStringList());
    m_protocol->setCurrentIndex(
        std::max(0, m_protocol->findData(settings.value(QStringLiteral("trace/protocol"), 0))));
    m_port->setValue(settings.value(QStringLiteral("trace/port"), kDefaultTcpPort).toInt());
    m_maxTtl->setValue(settings.value(QStringLiteral("trace/maxTtl"), 30).toInt());
    m_timeout->setValue(settings.value(QStringLiteral("trace/timeoutMs"), 1000).toInt());
    m_flows->setValue(settings.value(QStringLiteral("trace/flows"), 1).toInt());
    m_sourcePort->setValue(settings.value(QStringLiteral("trace/sourcePort"), 0).toInt());
    m_traceOrder->setCurrentIndex(
        std::max(0, m_traceOrder->findData(settings.value(QStringLiteral("trace/order"), 0))));
    m_family->setCurrentIndex(
        std::max(0, m_family->findData(settings.value(QStringLiteral("trace/family"), 0))));
    m_interval->setValue(
        settings.value(QStringLiteral("trace/intervalMs"), kDefaultMonitorIntervalMs).toInt());
    m_dscp->setValue(settings.value(QStringLiteral("trace/dscp"), 0).toInt());
    m_pathMtu->setChecked(settings.value(QStringLiteral("trace/pathMtu"), false).toBool());
    setMode(settings.value(QStringLiteral("trace/monitor"), false).toBool()
                ? TraceSession::Mode::Monitor
                : TraceSession::Mode::Trace);
    const int traceQueries = settings.value(QStringLiteral("trace/queries"), 3).toInt();
    const int monitorQueries = settings.value(QStringLiteral("monitor/queries"), 1).toInt();
    const bool monitoring = mode() == TraceSession::Mode::Monitor;
    m_queries->setValue(monitoring ? monitorQueries : traceQueries);
    m_queriesOfOtherMode = monitoring ? traceQueries : monitorQueries;
    updatePortForProtocol();
}

void TargetBar::saveSettings() const
{
    QSettings settings;
    QStringList history;
    for (int i = 0; i < m_target->count(); ++i)
        history << m_target->itemText(i);
    settings.setValue(kHistoryKey, history);
    settings.setValue(QStringLiteral("trace/protocol"), m_protocol->currentData());
    settings.setValue(QStringLiteral("trace/port"), m_port->value());
    settings.setValue(QStringLiteral("trace/maxTtl"), m_maxTtl->value());
    settings.setValue(QStringLiteral("trace/timeoutMs"), m_timeout->value());
    const bool monitoring = mode() == TraceSession::Mode::Monitor;
    settings.setValue(QStringLiteral("trace/queries"),
                      monitoring ? m_queriesOfOtherMode : m_queries->value());
    settings.setValue(QStringLiteral("monitor/queries"),
                      monitoring ? m_queries->value() : m_queriesOfOtherMode);
    settings.setValue(QStringLiteral("trace/flows"), m_flows->value());
    settings.setValue(QStringLiteral("trace/sourcePort"), m_sourcePort->value());
    settings.setValue(QStringLiteral("trace/order"), m_traceOrder->currentData());
    settings.setValue(QStringLiteral("trace/family"), m_family->currentData());
    settings.setValue(QStringLiteral("trace/intervalMs"), m_interval->value());
    settings.setValue(QStringLiteral("trace/dscp"), m_dscp->value());
    settings.setValue(QStringLiteral("trace/pathMtu"), m_pathMtu->isChecked());
    settings.setValue(QStringLiteral("trace/monitor"), mode() == TraceSession::Mode::Monitor);
}

} // namespace hopscope
