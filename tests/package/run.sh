#!/usr/bin/env bash
# The packages work as README's "Install" section says:
#  1. `cmake --install` into a staging prefix, then a consumer project (tests/package/consumer)
#     finds breakeven with find_package(breakeven 0.1 CONFIG REQUIRED), links breakeven::core,
#     builds and computes a cost; versions 0.2 and 1.0 are refused (SameMinorVersion before 1.0);
#  2. the same consumer takes breakeven as a subproject (add_subdirectory) with CLI11 and Catch2
#     out of reach (configure only: the library is the same target as above);
#  3. `cpack -G DEB` builds breakeven_<v>_<arch>.deb and breakeven-dev_<v>_<arch>.deb: their file
#     lists, their metadata (dpkg-deb --info), the tool run from a scratch root (dpkg -x), and the
#     consumer configured against the -dev package's root.
# Usage: tests/package/run.sh <build-dir> <repo-root>   (about 15 s)
set -u
BUILD="$(cd "$1" && pwd)"
ROOT="$(cd "$2" && pwd)"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # check DESCRIPTION COMMAND...: ok when the command succeeds
  local what=$1
  shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
TMP="$(mktemp -d "${TMPDIR:-/tmp}/breakeven-package.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
log="$TMP/log"
# The consumer builds with the compiler the project was built with.
cxx="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")"
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$BUILD/CMakeCache.txt")"
expected_cost="aws.lambda.x86: \$18.73" # AWS's published example at the bundled x86 price
consumer() { # consumer BUILD-DIR CMAKE-ARGS...: configures tests/package/consumer, output to $log
  cmake -S "$ROOT/tests/package/consumer" -B "$1" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release \
    "${@:2}" >"$log" 2>&1
}
show_log() { sed 's/^/    /' "$log" | tail -n 15; }

# 1. cmake --install, find_package.
prefix="$TMP/prefix"
if cmake --install "$BUILD" --prefix "$prefix" >"$log" 2>&1; then ok "cmake --install into a staging prefix"; else
  not_ok "cmake --install into a staging prefix"
  show_log
fi
for header in "$ROOT"/include/breakeven/*.hpp; do
  [[ -f "$prefix/include/breakeven/$(basename "$header")" ]] || not_ok "installs include/breakeven/$(basename "$header")"
done
check "installs the public headers" cmp -s <(cd "$ROOT/include" && ls breakeven/*.hpp) <(cd "$prefix/include" && ls breakeven/*)
check "installs a versioned CMake package" test -f "$prefix/lib/cmake/breakeven/breakevenConfigVersion.cmake"
if consumer "$TMP/consumer" -DCMAKE_PREFIX_PATH="$prefix" && cmake --build "$TMP/consumer" >>"$log" 2>&1; then
  ok "a consumer project builds with find_package(breakeven 0.1 CONFIG REQUIRED)"
  actual="$("$TMP/consumer/consumer" 2>&1)"
  [[ $actual == "$expected_cost" ]] && ok "the consumer computes a cost with breakeven::core" ||
    not_ok "the consumer computes a cost with breakeven::core: got '$actual', expected '$expected_cost'"
else
  not_ok "a consumer project builds with find_package(breakeven 0.1 CONFIG REQUIRED)"
  show_log
fi
for wanted in 0.2 1.0; do
  if consumer "$TMP/consumer-$wanted" -DCMAKE_PREFIX_PATH="$prefix" -DBREAKEVEN_WANTED_VERSION="$wanted"; then
    not_ok "find_package(breakeven $wanted) refuses $version"
  else
    grep -q 'breakevenConfig.cmake, version: '"$version" "$log" &&
      ok "find_package(breakeven $wanted) refuses $version" || { not_ok "find_package(breakeven $wanted) fails for another reason"; show_log; }
  fi
done

# 2. A subproject needs neither CLI11 nor Catch2 (find_package of either would be an error here),
#    and builds neither the tool nor the tests.
if consumer "$TMP/subproject" -DBREAKEVEN_SOURCE_DIR="$ROOT" -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON; then
  ok "as a subproject, breakeven configures without CLI11 and Catch2"
  targets="$(cmake --build "$TMP/subproject" --target help 2>&1)"
  grep -qE '^\.\.\. breakeven_core( |$)' <<<"$targets" && ok "the subproject has the library" || not_ok "the subproject has the library"
  grep -qE '^\.\.\. (breakeven|breakeven_tests)( |$)' <<<"$targets" && not_ok "the subproject builds no tool or tests" ||
    ok "the subproject builds no tool or tests"
else
  not_ok "as a subproject, breakeven configures without CLI11 and Catch2"
  show_log
fi

# 3. The Debian packages.
arch="$(dpkg --print-architecture)"
deb="$TMP/deb/breakeven_${version}_${arch}.deb"
dev="$TMP/deb/breakeven-dev_${version}_${arch}.deb"
if cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$TMP/deb" >"$log" 2>&1 && [[ -f $deb && -f $dev ]]; then
  ok "cpack -G DEB builds $(basename "$deb") and $(basename "$dev")"
else
  not_ok "cpack -G DEB builds $(basename "$deb") and $(basename "$dev")"
  show_log
  ls "$TMP/deb" 2>/dev/null | sed 's/^/    /'
fi
files_of() { dpkg-deb --contents "$1" | awk '$1 ~ /^-/ {print $NF}' | sort; }
expect_files() { # expect_files DEB FILE...: the package holds exactly these files
  local deb=$1
  shift
  if diff <(printf '%s\n' "$@" | sort) <(files_of "$deb") >"$log"; then ok "$(basename "$deb") holds the expected files"; else
    not_ok "$(basename "$deb") holds the expected files (< expected, > in the package)"
    show_log
  fi
}
field() { dpkg-deb --field "$1" "$2"; }
if [[ -f $deb ]]; then
  expect_files "$deb" ./usr/bin/breakeven ./usr/share/man/man1/breakeven.1.gz \
    ./usr/share/bash-completion/completions/breakeven ./usr/share/zsh/vendor-completions/_breakeven \
    ./usr/share/fish/vendor_completions.d/breakeven.fish ./usr/share/doc/breakeven/copyright
  [[ "$(field "$deb" Package) $(field "$deb" Version) $(field "$deb" Architecture)" == "breakeven $version $arch" ]] &&
    ok "package name, version and architecture" || not_ok "package name, version and architecture: $(field "$deb" Package Version Architecture)"
  [[ -n "$(field "$deb" Maintainer)" ]] && ok "has a maintainer" || not_ok "has a maintainer"
  [[ "$(field "$deb" Description | head -n 1)" == "cloud cost curves and break-even points" && \
    "$(field "$deb" Description | wc -l)" -gt 1 ]] && ok "has a summary and a long description" ||
    not_ok "has a summary and a long description"
  depends="$(field "$deb" Depends)"
  # What the packaged binary loads, as dpkg-shlibdeps names it: none of libc6, libfmt9 and
  # libstdc++6 when it is a static PIE (the default); libc6 alone with BREAKEVEN_STATIC_PIE off;
  # all three with BREAKEVEN_STATIC_RUNTIME off.
  extract="$TMP/deps-root"
  dpkg -x "$deb" "$extract"
  needed="$(objdump -p "$extract/usr/bin/breakeven" 2>/dev/null | awk '/NEEDED/ {print $2}')"
  names() { tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ .*//'; }
  for pair in libc.so:libc6 libfmt.so:libfmt9 libstdc++.so:libstdc++6; do
    soname=${pair%%:*} library=${pair#*:}
    if grep -q "^$soname" <<<"$needed"; then
      names | grep -qxF "$library" && ok "depends on $library (the binary loads $soname)" ||
        not_ok "depends on $library: $depends"
    else
      names | grep -qxF "$library" && not_ok "depends on $library, which the binary does not load: $depends" ||
        ok "no dependency on $library (linked in)"
    fi
  done
  scratch="$TMP/root"
  dpkg -x "$deb" "$scratch"
  [[ "$("$scratch/usr/bin/breakeven" --version 2>&1)" == "$("$BUILD/breakeven" --version 2>&1)" ]] &&
    ok "the packaged binary runs (--version)" || not_ok "the packaged binary runs (--version)"
  file -b "$scratch/usr/bin/breakeven" | grep -q ', stripped' && ok "the packaged binary is stripped" ||
    not_ok "the packaged binary is stripped: $(file -b "$scratch/usr/bin/breakeven")"
  cmp -s <(gzip -dc "$scratch/usr/share/man/man1/breakeven.1.gz") "$ROOT/man/breakeven.1" &&
    ok "the man page is man/breakeven.1, gzipped" || not_ok "the man page is man/breakeven.1, gzipped"
  for pair in breakeven.bash:bash-completion/completions/breakeven _breakeven:zsh/vendor-completions/_breakeven \
    breakeven.fish:fish/vendor_completions.d/breakeven.fish; do
    cmp -s "$ROOT/completions/${pair%%:*}" "$scratch/usr/share/${pair#*:}" && ok "installs completions/${pair%%:*}" ||
      not_ok "installs completions/${pair%%:*}"
  done
fi
if [[ -f $dev ]]; then
  expected=(./usr/lib/libbreakeven_core.a ./usr/lib/cmake/breakeven/breakevenConfig.cmake
    ./usr/lib/cmake/breakeven/breakevenConfigVersion.cmake ./usr/lib/cmake/breakeven/breakevenTargets.cmake
    "$(files_of "$dev" | grep -E '^\./usr/lib/cmake/breakeven/breakevenTargets-[a-z]+\.cmake$')")
  for header in "$ROOT"/include/breakeven/*.hpp; do expected+=("./usr/include/breakeven/$(basename "$header")"); done
  expect_files "$dev" "${expected[@]}"
  [[ "$(field "$dev" Package)" == breakeven-dev ]] && ok "the -dev package's name" || not_ok "the -dev package's name"
  grep -q 'libfmt-dev' <<<"$(field "$dev" Depends)" && ok "the -dev package depends on libfmt-dev" ||
    not_ok "the -dev package depends on libfmt-dev"
  dpkg -x "$dev" "$TMP/dev-root"
  if consumer "$TMP/consumer-dev" -DCMAKE_PREFIX_PATH="$TMP/dev-root/usr"; then
    ok "find_package(breakeven) finds the -dev package's files"
  else
    not_ok "find_package(breakeven) finds the -dev package's files"
    show_log
  fi
fi

# 4. The Dockerfile cannot be built here (no Docker daemon in the tests): its build stage at least
#    installs only packages scripts/dev.sh installs, and runs the commands README's "Install" shows.
dockerfile="$ROOT/Dockerfile"
dev_packages=" $(sed -n '/^readonly packages=(/,/)/p' "$ROOT/scripts/dev.sh" | tr -d '()' | sed 's/readonly packages=//' | tr -s ' \n' ' ') "
image_packages="$(sed -n '/^FROM .* AS build/,/^FROM/p' "$dockerfile" | sed -n '/apt-get install/,/rm -rf/p' | tr ' \\' '\n\n' |
  grep -E '^[a-z][a-z0-9.+-]+$' | grep -vxE 'apt-get|install|rm|var|lib|apt|lists' || true)"
for package in $image_packages; do
  [[ $dev_packages == *" $package "* ]] || not_ok "the Dockerfile's build stage installs $package, which scripts/dev.sh does not"
done
[[ -n $image_packages ]] && ok "the Dockerfile's build stage installs packages scripts/dev.sh installs ($(echo $image_packages))" ||
  not_ok "the Dockerfile's build stage installs packages"
for command in "cmake --preset release" "cmake --build --preset release" "cpack --config build/release/CPackConfig.cmake -G DEB"; do
  grep -qF "$command" "$dockerfile" && grep -qF "$command" "$ROOT/README.md" && ok "the Dockerfile and README run: $command" ||
    not_ok "the Dockerfile and README run: $command"
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
