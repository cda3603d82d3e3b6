// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace hopscope {

// The strip over a trace tab that says why probing is degraded and, when the helper only lacks
// its capability, offers to grant it (or says how, where Hopscope cannot ask itself).
class DegradedBanner : public QWidget
{
    Q_OBJECT

public:
    explicit DegradedBanner(QWidget *parent = nullptr);

    // Shows the banner with `reasons`. `offerGrant`: the helper lacks its capability; then
    // `grantUnavailable` (empty when the button can ask) says why the button is missing.
    void showReasons(const QStringList &reasons, bool offerGrant, const QString &grantUnavailable);
    // While a grant runs the button waits.
    void setGrantRunning(bool running);
    // Why the latest grant failed, under the reasons (the status bar may be too narrow for it).
    void showGrantFailure(const QString &message);

    QLabel *label() const { return m_label; }
    QPushButton *grantButton() const { return m_grant; }

Q_SIGNALS:
    void grantRequested();

private:
    QLabel *m_label;
    QPushButton *m_grant;
    QString m_reasons;
};

} // namespace hopscope
