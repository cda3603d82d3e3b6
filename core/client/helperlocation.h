// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace hopscope {

// Where hopscope-probe lives: beside the programs of a build tree when this program runs from
// one, otherwise at the path the package installs it to. Decided by where this executable is,
// never by the environment.
QString helperPath();

} // namespace hopscope
