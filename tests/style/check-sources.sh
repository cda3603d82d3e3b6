#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Checks every source file of a checkout: C++ formatted as .clang-format says (Debian 12's
# clang-format), and every C++, CMake and shell source carrying its SPDX licence identifier.
# Test data under tests/fixtures is not source and is left as the tools that wrote it left it.
# Usage: check-sources.sh [SOURCE_DIR]
set -eu
cd "${1:-$(dirname "$0")/../..}"

cpp=$(find app core ui tests resources -path tests/fixtures -prune -o -type f \
    \( -name '*.cpp' -o -name '*.h' -o -name '*.h.in' \) -print | sort)
scripts=$(find . -path ./tests/fixtures -prune -o -path './build*' -prune -o -path ./.git -prune -o -type f \
    \( -name CMakeLists.txt -o -name '*.cmake' -o -name '*.sh' -o -name '*.sh.in' \) -print | sort)

failed=0
# shellcheck disable=SC2086 # one argument per file name; no file name has a space
if ! clang-format --dry-run -Werror $cpp; then
    echo "check-sources: clang-format would change the files above; run: clang-format -i <file>" >&2
    failed=1
fi
for file in $cpp $scripts .ci/run; do
    if ! head -n 4 "$file" | grep -q 'SPDX-License-Identifier: Apache-2.0'; then
        echo "check-sources: $file has no SPDX-License-Identifier in its first lines" >&2
        failed=1
    fi
done
exit $failed
