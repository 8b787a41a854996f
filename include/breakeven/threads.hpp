#pragma once
// How many threads the library's parallel work uses when not told (SamplingOptions::threads
// and RenderOptions::threads of 0).

namespace breakeven {

/// One thread for each core this process may run on (its CPU affinity, which a container's CPU
/// set limits; the machine's count when that cannot be read), at least 1 and at most 16.
unsigned default_thread_count();

} // namespace breakeven
