#pragma once

#include <string>

namespace hopscope {

// A random (version 4) UUID in its usual text form.
std::string makeUuidV4();

} // namespace hopscope
