#pragma once

#include "common/expected.h"

#include <string>
#include <string_view>

namespace hopscope {

// Writes `contents` to a temporary file beside `fileName`, flushes it to disk and renames it over
// `fileName`: readers see the old file or the new one, never a part of it.
Status writeFileAtomically(const std::string &fileName, std::string_view contents);

} // namespace hopscope
