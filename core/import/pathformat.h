// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/networkpath.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// A file's text as every format sees it. When the text is one JSON document it is parsed once,
// with the limits a NetworkPath file has, and every JSON format reads that value.
class ImportText final
{
public:
    explicit ImportText(std::string_view text);

    std::string_view text() const { return m_text; }
    // The document, or null when the text is not one JSON value.
    const nlohmann::json *json() const { return m_json ? &*m_json : nullptr; }
    // Why the text is not one JSON value, when it starts like one.
    const std::optional<Error> &jsonError() const { return m_jsonError; }
    // The text's lines without their line ends (a final "\r" removed too).
    const std::vector<std::string_view> &lines() const { return m_lines; }

private:
    std::string_view m_text;
    std::optional<nlohmann::json> m_json;
    std::optional<Error> m_jsonError;
    std::vector<std::string_view> m_lines;
};

// One file format Hopscope reads: other tools' output and its own. Each format lives in one file
// under core/import/formats/ and is listed once in pathformats.cpp.
class PathFormat
{
public:
    virtual ~PathFormat() = default;

    // A short name for scripts and messages, such as "mtr-json".
    virtual std::string_view id() const = 0;
    // What a user calls it, such as "mtr --json".
    virtual std::string_view description() const = 0;
    // How sure the format is that the text is its own: 0 not at all, 100 certain. The format
    // that is surest reads the file.
    virtual int recognise(const ImportText &text) const = 0;
    // Every path the text holds, in the order the file lists them; at least one, or an error
    // naming the line or JSON pointer and what was expected there.
    virtual Expected<std::vector<NetworkPath>> read(const ImportText &text) const = 0;
};

// Every format, in no particular order.
const std::vector<std::unique_ptr<PathFormat>> &pathFormats();

// The format that is surest the text is its own, or null when none recognises it.
const PathFormat *recogniseFormat(const ImportText &text);

// The paths a text holds, read by the format that recognises it.
Expected<std::vector<NetworkPath>> readPaths(std::string_view text);

// The paths a file holds; errors start with the file's name.
Expected<std::vector<NetworkPath>> readPathFile(const std::string &fileName);

// The first path a file holds, for the places that take one path (a compare's side, a report).
Expected<NetworkPath> readAnyPathFile(const std::string &fileName);

} // namespace hopscope
