#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Checks that every source is formatted and carries its licence, builds Hopscope with warnings as
# errors and runs the whole test suite, then rebuilds the core-facing tests with AddressSanitizer
# and UndefinedBehaviorSanitizer and runs them again (the fuzz test among them). Build
# directories are reused between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${HOPSCOPE_JOBS:-2}

echo "== style (clang-format, licence identifiers)"
tests/style/check-sources.sh

echo "== build (warnings are errors)"
# Installs into /usr, as the Debian package does, so that the package test can build it from here.
# Without debug information: GCC generates the same code with and without -g, and the hop graph's
# source, for one, compiles in 7.0 s instead of 9.8 s without it.
cmake -S . -B build -G Ninja -DHOPSCOPE_WERROR=ON -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" >/dev/null
cmake --build build -j"$jobs"

echo "== test"
# The tests that need no lab nor window two at a time.
ctest --test-dir build --output-on-failure -j"$jobs" -L 'unit|fuzz|cli|helper'

# The window, lab, package and rate-limit tests spend most of their time waiting on the lab's
# network and timers, so the sanitized build runs beside them, at the lowest CPU priority. The
# tests measuring round trips to a tenth of a millisecond (label "quiet") wait until it has
# finished: nothing may compete with what they measure.
echo "== build with AddressSanitizer and UndefinedBehaviorSanitizer (beside the next tests)"
cmake -S . -B build-sanitize -G Ninja -DHOPSCOPE_WERROR=ON -DHOPSCOPE_SANITIZE=ON \
    -DHOPSCOPE_BUILD_GUI=OFF -DHOPSCOPE_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
sanitize_log=build-sanitize/build.log
# Its own process group, so that a failing test stops the whole build with it.
setsid nice -n 19 cmake --build build-sanitize -j"$jobs" >"$sanitize_log" 2>&1 &
sanitize_build=$!
trap 'kill -- -"$sanitize_build" 2>/dev/null || true' EXIT

echo "== window, lab, package and rate-limit tests (one at a time)"
ctest --test-dir build --output-on-failure -LE 'unit|fuzz|cli|helper|quiet'

echo "== the sanitized build finishing"
sanitize_status=0
wait "$sanitize_build" || sanitize_status=$?
trap - EXIT
cat "$sanitize_log"
if [ "$sanitize_status" -ne 0 ]; then
    echo "run.sh: the sanitized build failed (exit status $sanitize_status)" >&2
    exit "$sanitize_status"
fi

echo "== round-trip tests (one at a time, nothing else running)"
ctest --test-dir build --output-on-failure -L quiet

echo "== test under sanitizers"
# Tests that need no lab two at a time (the fuzz test takes longest); the labs one at a time.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-sanitize --output-on-failure -j"$jobs" -L 'unit|fuzz|cli|helper'
ctest --test-dir build-sanitize --output-on-failure -L lab
