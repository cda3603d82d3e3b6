// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/errorcode.h"

#include <array>
#include <utility>

namespace hopscope {

namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 51> kNames{{
    {ErrorCode::BadChecksum, "bad-checksum"},
    {ErrorCode::BadEvent, "bad-event"},
    {ErrorCode::Busy, "busy"},
    {ErrorCode::Cancelled, "cancelled"},
    {ErrorCode::CannotDraw, "cannot-draw"},
    {ErrorCode::CannotRead, "cannot-read"},
    {ErrorCode::CannotWrite, "cannot-write"},
    {ErrorCode::ControlCharacter, "control-character"},
    {ErrorCode::Corrupt, "corrupt"},
    {ErrorCode::Database, "database"},
    {ErrorCode::DiskFull, "disk-full"},
    {ErrorCode::DuplicateId, "duplicate-id"},
    {ErrorCode::DuplicateKey, "duplicate-key"},
    {ErrorCode::HelperError, "helper-error"},
    {ErrorCode::InvalidAddress, "invalid-address"},
    {ErrorCode::InvalidImport, "invalid-import"},
    {ErrorCode::InvalidJson, "invalid-json"},
    {ErrorCode::InvalidRequest, "invalid-request"},
    {ErrorCode::InvalidTag, "invalid-tag"},
    {ErrorCode::InvalidTarget, "invalid-target"},
    {ErrorCode::IoError, "io-error"},
    {ErrorCode::LineTooLong, "line-too-long"},
    {ErrorCode::Malformed, "malformed"},
    {ErrorCode::MissingField, "missing-field"},
    {ErrorCode::NewerSchema, "newer-schema"},
    {ErrorCode::NoDriver, "no-driver"},
    {ErrorCode::NoGui, "no-gui"},
    {ErrorCode::NoRoute, "no-route"},
    {ErrorCode::NotFound, "not-found"},
    {ErrorCode::NotJson, "not-json"},
    {ErrorCode::NotSupported, "not-supported"},
    {ErrorCode::OutOfOrder, "out-of-order"},
    {ErrorCode::OutOfRange, "out-of-range"},
    {ErrorCode::PdfFailed, "pdf-failed"},
    {ErrorCode::PermissionDenied, "permission-denied"},
    {ErrorCode::PrivilegeError, "privilege-error"},
    {ErrorCode::SandboxError, "sandbox-error"},
    {ErrorCode::SharedCeiling, "shared-ceiling"},
    {ErrorCode::SocketError, "socket-error"},
    {ErrorCode::TimedOut, "timed-out"},
    {ErrorCode::TooDeep, "too-deep"},
    {ErrorCode::TooLarge, "too-large"},
    {ErrorCode::TooManyTraces, "too-many-traces"},
    {ErrorCode::UnknownField, "unknown-field"},
    {ErrorCode::UnknownFormat, "unknown-format"},
    {ErrorCode::UnknownHost, "unknown-host"},
    {ErrorCode::UnknownId, "unknown-id"},
    {ErrorCode::UnknownOp, "unknown-op"},
    {ErrorCode::UnsupportedVersion, "unsupported-version"},
    {ErrorCode::Unwritable, "unwritable"},
    {ErrorCode::WrongType, "wrong-type"},
}};

} // namespace

std::string_view errorCodeName(ErrorCode code)
{
    for (const auto &[candidate, name] : kNames)
        if (candidate == code)
            return name;
    return "error";
}

std::optional<ErrorCode> parseErrorCode(std::string_view name)
{
    for (const auto &[code, candidate] : kNames)
        if (candidate == name)
            return code;
    return std::nullopt;
}

} // namespace hopscope
