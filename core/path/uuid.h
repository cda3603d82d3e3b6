// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <string>

namespace hopscope {

// A random (version 4) UUID in its usual text form.
std::string makeUuidV4();

} // namespace hopscope
