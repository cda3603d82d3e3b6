// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hopscope {

// Why something failed, for programs to test. Inside a process it is this enum; on the helper's
// wire and in what the CLI prints for scripts it is its name ("cancelled", "not-json", ...).
enum class ErrorCode {
    BadChecksum,
    BadEvent,
    Busy,
    Cancelled,
    CannotDraw,
    CannotRead,
    CannotWrite,
    ControlCharacter,
    Corrupt,
    Database,
    DiskFull,
    DuplicateId,
    DuplicateKey,
    HelperError,
    InvalidAddress,
    InvalidImport,
    InvalidJson,
    InvalidRequest,
    InvalidTag,
    InvalidTarget,
    IoError,
    LineTooLong,
    Malformed,
    MissingField,
    NewerSchema,
    NoDriver,
    NoGui,
    NoRoute,
    NotFound,
    NotJson,
    NotSupported,
    OutOfOrder,
    OutOfRange,
    PdfFailed,
    PermissionDenied,
    PrivilegeError,
    SandboxError,
    SharedCeiling,
    SocketError,
    TimedOut,
    TooDeep,
    TooLarge,
    TooManyTraces,
    UnknownField,
    UnknownFormat,
    UnknownHost,
    UnknownId,
    UnknownOp,
    UnsupportedVersion,
    Unwritable,
    WrongType
};

std::string_view errorCodeName(ErrorCode code);
// The code a name stands for; none for a name this build does not know (a newer helper's).
std::optional<ErrorCode> parseErrorCode(std::string_view name);

} // namespace hopscope
