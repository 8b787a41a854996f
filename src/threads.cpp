#include <breakeven/threads.hpp>

#include <algorithm>
#include <thread>

#include <sched.h>

namespace breakeven {

unsigned default_thread_count() {
  cpu_set_t cores;
  CPU_ZERO(&cores);
  unsigned count = sched_getaffinity(0, sizeof(cores), &cores) == 0 ? static_cast<unsigned>(CPU_COUNT(&cores))
                                                                    : std::thread::hardware_concurrency();
  return std::clamp(count, 1U, 16U);
}

} // namespace breakeven
