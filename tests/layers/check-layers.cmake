# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Checks that the libraries are layers: no source includes a header of a layer above its own,
# and the Qt-free layers include no Qt. Run as:
#   cmake -DSOURCE_DIR=<checkout> -DPROBE_SOURCES=<hopscope_probe's sources> -P check-layers.cmake
# Layers, bottom up (docs/architecture.md):
#   1 probe:  core/common, core/packet, core/probe, core/network, core/helper
#   2 model:  core/file, core/path, core/stats, core/monitor, core/compare, core/import, core/trace,
#             core/owner
#   3 output: core/report, core/telemetry
#   4 Qt:     core/client, core/store
#   5 PDF:    ui/print
#   6 window: ui
# app/probe (the helper) is layer 1; app/cli may use up to layer 5; app/gui everything.
cmake_minimum_required(VERSION 3.25)

set(layer_of_common 1)
set(layer_of_packet 1)
set(layer_of_probe 1)
set(layer_of_network 1)
set(layer_of_helper 1)
set(layer_of_file 2)
set(layer_of_path 2)
set(layer_of_stats 2)
set(layer_of_monitor 2)
set(layer_of_compare 2)
set(layer_of_import 2)
set(layer_of_trace 2)
set(layer_of_owner 2)
set(layer_of_report 3)
set(layer_of_telemetry 3)
set(layer_of_client 4)
set(layer_of_store 4)
set(layer_of_print 5)
set(layer_of_ui 6)

# The layer a header named in an include belongs to ("path/pathmodel.h" -> 2); 0 when the include
# names no layer (a generated header, one beside the including file).
function(layer_of_include include result)
    set(${result} 0 PARENT_SCOPE)
    if(include MATCHES "^ui/print/")
        set(${result} 5 PARENT_SCOPE)
    elseif(include MATCHES "^([a-z]+)/")
        # The match is read here, not in the condition above: a condition's variables are
        # expanded before it is evaluated.
        set(folder ${CMAKE_MATCH_1})
        if(DEFINED layer_of_${folder})
            set(${result} ${layer_of_${folder}} PARENT_SCOPE)
        endif()
    endif()
endfunction()

function(layer_of_file path result)
    file(RELATIVE_PATH relative ${SOURCE_DIR} ${path})
    if(relative MATCHES "^core/([a-z]+)/")
        set(${result} ${layer_of_${CMAKE_MATCH_1}} PARENT_SCOPE)
    elseif(relative MATCHES "^ui/print/")
        set(${result} 5 PARENT_SCOPE)
    elseif(relative MATCHES "^ui/")
        set(${result} 6 PARENT_SCOPE)
    elseif(relative MATCHES "^app/probe/")
        set(${result} 1 PARENT_SCOPE)
    elseif(relative MATCHES "^app/cli/")
        set(${result} 5 PARENT_SCOPE)
    else()
        set(${result} 6 PARENT_SCOPE)
    endif()
endfunction()

file(GLOB_RECURSE sources
    ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp
    ${SOURCE_DIR}/ui/*.h ${SOURCE_DIR}/ui/*.cpp
    ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp)
set(problems 0)
set(checked 0)
foreach(source IN LISTS sources)
    layer_of_file(${source} own)
    if(NOT own)
        message(SEND_ERROR "${source}: in no layer")
        math(EXPR problems "${problems} + 1")
        continue()
    endif()
    file(STRINGS ${source} includes REGEX "^#include [<\"]")
    foreach(line IN LISTS includes)
        math(EXPR checked "${checked} + 1")
        if(line MATCHES "^#include \"([^\"]+)\"")
            layer_of_include(${CMAKE_MATCH_1} theirs)
            if(theirs GREATER own)
                message(SEND_ERROR "${source}: layer ${own} includes ${CMAKE_MATCH_1}, of layer ${theirs} above it")
                math(EXPR problems "${problems} + 1")
            endif()
        elseif(own LESS_EQUAL 3 AND line MATCHES "^#include <(Q[A-Za-z]*)")
            message(SEND_ERROR "${source}: layer ${own} is Qt-free but includes <${CMAKE_MATCH_1}>")
            math(EXPR problems "${problems} + 1")
        endif()
    endforeach()
endforeach()

# What the helper is compiled from: the bottom layer only.
string(REPLACE "|" ";" PROBE_SOURCES "${PROBE_SOURCES}")
foreach(source IN LISTS PROBE_SOURCES)
    if(NOT source MATCHES "^(common|packet|probe|network|helper)/")
        message(SEND_ERROR "hopscope_probe, which the helper links, is built from ${source}, above layer 1")
        math(EXPR problems "${problems} + 1")
    endif()
endforeach()

list(LENGTH sources files)
if(problems GREATER 0)
    message(FATAL_ERROR "${problems} includes run up the layers")
endif()
message(STATUS "${checked} includes in ${files} files run down the layers only")
