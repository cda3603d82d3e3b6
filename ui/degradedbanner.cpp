// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/degradedbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace hopscope {

DegradedBanner::DegradedBanner(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)),
      m_grant(new QPushButton(tr("Grant Permission…"), this))
{
    setObjectName(QStringLiteral("degradedBanner"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(
        QStringLiteral("#degradedBanner { background: #fff4d6; border-bottom: 1px solid #f0d48a; }"
                       " #degradedBanner QLabel { color: #5c4300; }"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse); // the command can be copied
    m_grant->setToolTip(
        tr("Asks for an administrator's password, then lets the probe helper send raw packets"));
    m_grant->hide();
    connect(m_grant, &QPushButton::clicked, this, &DegradedBanner::grantRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_grant, 0, Qt::AlignVCenter);
    hide();
}

void DegradedBanner::showReasons(const QStringList &reasons, bool offerGrant,
                                 const QString &grantUnavailable)
{
    QString text = tr("Probing is degraded: %1").arg(reasons.join(QStringLiteral("; ")));
    if (offerGrant && !grantUnavailable.isEmpty())
        text += QLatin1Char('\n') + grantUnavailable;
    m_reasons = text;
    m_label->setText(text);
    m_grant->setVisible(offerGrant && grantUnavailable.isEmpty());
    show();
}

void DegradedBanner::showGrantFailure(const QString &message)
{
    m_label->setText(m_reasons + QLatin1Char('\n') + message);
}

void DegradedBanner::setGrantRunning(bool running)
{
    m_grant->setEnabled(!running);
    m_grant->setText(running ? tr("Waiting for Permission…") : tr("Grant Permission…"));
}

} // namespace hopscope
