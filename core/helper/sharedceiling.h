// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/pacedtransport.h"

#include <memory>
#include <string>

namespace hopscope::helper {

// The probe-rate ceiling all helpers of one user keep to together: the state of their token
// bucket lives in a small file in /dev/shm (`hopscope-probe-rate-UID`, mode 0600) that each
// helper maps at start-up, so that starting more helpers does not send more probes. A file that
// is not a private regular file of this user is not used.
class SharedCeiling
{
public:
    // Maps the user's shared state, creating it when it is not there yet. Call after dropping
    // privileges (the file belongs to the user the helper runs as) and before confining system
    // calls (opening files is not allowed afterwards).
    static Expected<std::unique_ptr<SharedCeiling>> open(double ratePerSecond, double burst,
                                                         const std::string &directory = "/dev/shm");
    ~SharedCeiling();
    SharedCeiling(const SharedCeiling &) = delete;
    SharedCeiling &operator=(const SharedCeiling &) = delete;

    TokenBucket &bucket() { return m_bucket; }
    const std::string &fileName() const { return m_fileName; }

private:
    SharedCeiling(void *mapping, TokenBucket::State &state, double ratePerSecond, double burst,
                  std::string fileName);

    void *m_mapping;
    TokenBucket m_bucket;
    std::string m_fileName;
};

} // namespace hopscope::helper
