// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "path/networkpathjson.h"

namespace hopscope::formats {

namespace {

// A Synthetics result carries the path inside its envelope, at /result/netpath.
const nlohmann::json *syntheticsPath(const nlohmann::json &document)
{
    const auto result = document.find("result");
    if (result == document.end() || !result->is_object())
        return nullptr;
    const auto netpath = result->find("netpath");
    return netpath != result->end() && netpath->is_object() ? &*netpath : nullptr;
}

class NetworkPathJsonFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "networkpath"; }
    std::string_view description() const override
    {
        return "NetworkPath JSON (Hopscope, the Datadog Agent, datadog-traceroute, Synthetics)";
    }
    int recognise(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        if (document && document->is_array() && !document->empty() &&
            document->front().is_object() && document->front().contains("destination") &&
            (document->front().contains("hops") || document->front().contains("traceroute")))
            return 80; // several paths, as `hopscope-cli convert` writes them
        if (!document || !document->is_object())
            return 0;
        if (document->contains("hopscope"))
            return 100;
        if (syntheticsPath(*document))
            return 90;
        if (document->contains("destination") &&
            (document->contains("hops") || document->contains("traceroute")))
            return 80;
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        if (!document)
            return text.jsonError().value_or(Error{ErrorCode::NotJson, "not JSON"});
        if (document->is_array()) {
            std::vector<NetworkPath> paths;
            for (std::size_t i = 0; i < document->size(); ++i) {
                auto path = networkPathFromJsonValue((*document)[i], "/" + std::to_string(i));
                if (!path)
                    return path.error();
                paths.push_back(std::move(*path));
            }
            return paths;
        }
        const nlohmann::json *netpath = syntheticsPath(*document);
        auto path = netpath ? networkPathFromJsonValue(*netpath, "/result/netpath")
                            : networkPathFromJsonValue(*document);
        if (!path)
            return path.error();
        return std::vector<NetworkPath>{std::move(*path)};
    }
};

} // namespace

std::unique_ptr<PathFormat> networkPathJson()
{
    return std::make_unique<NetworkPathJsonFormat>();
}

} // namespace hopscope::formats
