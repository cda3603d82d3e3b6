// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "report/comparisonreport.h"
#include "report/reportcontent.h"

#include <QByteArray>

#include <string>

namespace hopscope {

// A report as PDF with Qt's PDF writer: the HTML report's text and tables laid out on A4 pages,
// the graph and the chart drawn from the same SVG. Needs a QGuiApplication (fonts); the
// offscreen platform will do.
Expected<QByteArray> pdfReport(const ReportContent &content);
// A comparison the same way: both graphs and the chart of both medians.
Expected<QByteArray> pdfReport(const ComparisonReportContent &content);

// The report in any format, as the bytes of its file.
Expected<std::string> renderReport(const ReportContent &content, ReportFormat format);
Expected<std::string> renderReport(const ComparisonReportContent &content, ReportFormat format);

} // namespace hopscope
