// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/pathformat.h"

#include "common/jsonfields.h"
#include "import/formats/formats.h"
#include "import/importsupport.h"
#include "path/networkpathjson.h"

#include <algorithm>

namespace hopscope {

ImportText::ImportText(std::string_view text) : m_text(text)
{
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        m_lines.push_back(line);
        start = end + 1;
    }
    const std::string_view body = importsupport::trimmed(text);
    if (!body.empty() && (body.front() == '{' || body.front() == '[')) {
        auto document = jsonfields::parseBounded(text, kNetworkPathJsonLimits);
        if (document)
            m_json = std::move(*document);
        else
            m_jsonError = document.error();
    }
}

const std::vector<std::unique_ptr<PathFormat>> &pathFormats()
{
    static const std::vector<std::unique_ptr<PathFormat>> formats = [] {
        std::vector<std::unique_ptr<PathFormat>> all;
        all.push_back(formats::networkPathJson());
        all.push_back(formats::mtrJson());
        all.push_back(formats::mtrRaw());
        all.push_back(formats::mtrReport());
        all.push_back(formats::trippyJson());
        all.push_back(formats::trippyCsv());
        all.push_back(formats::nextTraceJson());
        all.push_back(formats::tracerouteText());
        all.push_back(formats::windowsTracert());
        all.push_back(formats::ciscoTraceroute());
        all.push_back(formats::ripeAtlas());
        all.push_back(formats::scamperJson());
        all.push_back(formats::dublinTraceroute());
        return all;
    }();
    return formats;
}

const PathFormat *recogniseFormat(const ImportText &text)
{
    const PathFormat *best = nullptr;
    int bestScore = 0;
    for (const auto &format : pathFormats())
        if (const int score = format->recognise(text); score > bestScore) {
            best = format.get();
            bestScore = score;
        }
    return best;
}

namespace {

std::string formatList()
{
    std::string list;
    for (const auto &format : pathFormats()) {
        if (!list.empty())
            list += ", ";
        list += format->description();
    }
    return list;
}

} // namespace

Expected<std::vector<NetworkPath>> readPaths(std::string_view text)
{
    const ImportText input(text);
    const PathFormat *format = recogniseFormat(input);
    if (!format) {
        // JSON that no format claims is most likely a NetworkPath with a mistake in it; its
        // reader names the mistake.
        if (input.json())
            return formats::networkPathJson()->read(input);
        if (input.jsonError())
            return *input.jsonError();
        return Error{ErrorCode::UnknownFormat,
                     "not a file Hopscope reads; it reads " + formatList()};
    }
    auto paths = format->read(input);
    if (paths && paths->empty())
        return Error{ErrorCode::InvalidImport,
                     std::string(format->description()) + ": the file holds no trace"};
    return paths;
}

Expected<std::vector<NetworkPath>> readPathFile(const std::string &fileName)
{
    const auto text = readPathFileText(fileName);
    if (!text)
        return text.error();
    auto paths = readPaths(*text);
    if (!paths)
        return Error{paths.error().code, fileName + ": " + paths.error().message};
    return paths;
}

Expected<NetworkPath> readAnyPathFile(const std::string &fileName)
{
    auto paths = readPathFile(fileName);
    if (!paths)
        return paths.error();
    return std::move(paths->front());
}

} // namespace hopscope
