# breakeven in a container image: build it once, then run `breakeven check ...` in CI jobs instead
# of compiling on every run (README.md, "Install").
#
#   docker build -t breakeven .
#   docker run --rm -v "$PWD:/work" -w /work breakeven check --budget examples/ci/budget.json
#
# Stage 1 builds the Debian package from this checkout with Debian 12's own packages (those
# scripts/dev.sh installs, without the test tools); stage 2 installs only that package, and
# what it depends on (libfmt9), into debian:12-slim.
FROM debian:12-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      cmake make g++ libcli11-dev nlohmann-json3-dev libfmt-dev dpkg-dev file \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake --preset release -DBREAKEVEN_BUILD_TESTS=OFF \
 && cmake --build --preset release -j "$(nproc)" \
 && cpack --config build/release/CPackConfig.cmake -G DEB -B /packages

FROM debian:12-slim
COPY --from=build /packages/breakeven_*.deb /tmp/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/breakeven_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/breakeven_*.deb \
 && breakeven --version
ENTRYPOINT ["breakeven"]
