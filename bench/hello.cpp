// The floor for bench/startup.sh: a fmt hello world, linked as a C++ program usually is (shared
// libstdc++ and libfmt).
#include <fmt/core.h>

int main() { fmt::print("hello, world\n"); }
