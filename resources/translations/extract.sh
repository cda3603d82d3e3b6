#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Extracts every string the window shows (tr() and translate() in the window, its main and the
# client layer it uses) into a .ts file with Qt's lupdate: new strings are added as unfinished,
# strings no longer in the sources are dropped. The build's update_translations target runs it on
# the tree's files; the translations test runs it on a copy to find what is missing.
# Usage: extract.sh LUPDATE SOURCE_DIR GENERATED_INCLUDE_DIR FILE.ts
set -eu

lupdate=$1
source=$2
generated=$3
ts=$4
cd "$source"
"$lupdate" -silent -no-obsolete -locations none -I . -I core -I "$generated" \
    ui app/gui core/client core/store -ts "$ts"
