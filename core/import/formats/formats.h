// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "import/pathformat.h"

#include <memory>

// One function per format, each defined in the file of that name; pathformats.cpp lists them.
namespace hopscope::formats {

std::unique_ptr<PathFormat> networkPathJson();  // Hopscope and every Datadog shape
std::unique_ptr<PathFormat> mtrJson();          // mtr --json
std::unique_ptr<PathFormat> mtrRaw();           // mtr --raw
std::unique_ptr<PathFormat> mtrReport();        // mtr --report, --report-wide, --csv
std::unique_ptr<PathFormat> trippyJson();       // trip --mode json
std::unique_ptr<PathFormat> trippyCsv();        // trip --mode csv
std::unique_ptr<PathFormat> nextTraceJson();    // nexttrace --json
std::unique_ptr<PathFormat> tracerouteText();   // traceroute, tcptraceroute, BSD, macOS, Junos
std::unique_ptr<PathFormat> windowsTracert();   // tracert
std::unique_ptr<PathFormat> ciscoTraceroute();  // Cisco IOS / IOS-XR traceroute
std::unique_ptr<PathFormat> ripeAtlas();        // RIPE Atlas traceroute results
std::unique_ptr<PathFormat> scamperJson();      // scamper / sc_warts2json
std::unique_ptr<PathFormat> dublinTraceroute(); // Dublin Traceroute JSON

} // namespace hopscope::formats
