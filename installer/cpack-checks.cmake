# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Read by cpack before it packages: a Debian package must not install into /usr/local, and the
# programs look for their helper under the prefix they were built for, so the build tree's prefix
# is the package's.
if(CPACK_GENERATOR STREQUAL "DEB" AND CPACK_PACKAGING_INSTALL_PREFIX MATCHES "^/usr/local")
    message(FATAL_ERROR
        "This build tree installs into ${CPACK_PACKAGING_INSTALL_PREFIX}; a Debian package belongs "
        "in /usr. Configure it with -DCMAKE_INSTALL_PREFIX=/usr, build, and run cpack again.")
endif()
