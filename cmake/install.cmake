# Installation (`cmake --install`), the CMake package (`find_package(breakeven CONFIG)` gives
# `breakeven::core`) and the Debian packages (`cpack -G DEB`). Included by CMakeLists.txt when
# BREAKEVEN_INSTALL is on (the default at the top level).
#
# Two install components, a Debian package each:
#   runtime     -> breakeven:     bin/breakeven, its man page (gzipped), bash/zsh/fish completions,
#                                 share/doc/breakeven/copyright
#   development -> breakeven-dev: include/breakeven/*.hpp, the library, lib/cmake/breakeven/
# `cmake --install` installs both; `--component runtime` the tool alone.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# --- The library and its CMake package ---------------------------------------------------------
set_target_properties(breakeven_core PROPERTIES EXPORT_NAME core)
install(TARGETS breakeven_core EXPORT breakevenTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime # a shared build: the tool needs it
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/breakeven DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.hpp")
set(BREAKEVEN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/breakeven)
install(EXPORT breakevenTargets NAMESPACE breakeven:: DESTINATION ${BREAKEVEN_CMAKE_DIR} COMPONENT development)

# What breakevenConfig.cmake finds for its users: fmt always (the public headers include it);
# nlohmann_json and Threads when the library is static, whose link line names its private deps.
get_target_property(breakeven_core_type breakeven_core TYPE)
if(breakeven_core_type STREQUAL "STATIC_LIBRARY")
  set(BREAKEVEN_STATIC_CORE TRUE)
else()
  set(BREAKEVEN_STATIC_CORE FALSE)
endif()
set(BREAKEVEN_FMT_MIN 9)
set(BREAKEVEN_JSON_MIN 3.11)
configure_package_config_file(cmake/breakevenConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/breakevenConfig.cmake
  INSTALL_DESTINATION ${BREAKEVEN_CMAKE_DIR})
# Versions: before 1.0 a minor release may change the API (semantic versioning, item 4), so
# `find_package(breakeven 0.1)` accepts 0.1.z only (SameMinorVersion); from 1.0 on, the same
# major version (SameMajorVersion).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(breakeven_compatibility SameMinorVersion)
else()
  set(breakeven_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/breakevenConfigVersion.cmake
  COMPATIBILITY ${breakeven_compatibility})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/breakevenConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/breakevenConfigVersion.cmake
        DESTINATION ${BREAKEVEN_CMAKE_DIR} COMPONENT development)

# --- The tool --------------------------------------------------------------------------------
if(TARGET breakeven)
  install(TARGETS breakeven RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
  # Debian installs man pages gzipped (-n: no name or time stamp, so the same page gives the same bytes).
  set(breakeven_man_gz ${CMAKE_CURRENT_BINARY_DIR}/man/breakeven.1.gz)
  add_custom_command(OUTPUT ${breakeven_man_gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
    COMMAND sh -c "gzip -9nc \"$1\" >\"$2\"" sh ${CMAKE_CURRENT_SOURCE_DIR}/man/breakeven.1 ${breakeven_man_gz}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/man/breakeven.1
    COMMENT "Compressing man/breakeven.1"
    VERBATIM)
  add_custom_target(breakeven_man ALL DEPENDS ${breakeven_man_gz})
  install(FILES ${breakeven_man_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
  # Completions where each shell looks for a vendor's: bash-completion loads
  # share/bash-completion/completions/<command> on demand; Debian's zsh reads
  # share/zsh/vendor-completions; fish reads share/fish/vendor_completions.d.
  install(FILES completions/breakeven.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME breakeven COMPONENT runtime)
  install(FILES completions/_breakeven DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT runtime)
  install(FILES completions/breakeven.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
          COMPONENT runtime)
endif()
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright COMPONENT runtime)

# --- Debian packages: cpack -G DEB (or cpack --config <build>/CPackConfig.cmake -G DEB) -------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME breakeven)
set(CPACK_PACKAGE_VENDOR "The breakeven developers")
set(BREAKEVEN_PACKAGE_MAINTAINER "The breakeven developers <maintainers@users.noreply.r-seed-e62ca34c.example>"
    CACHE STRING "Maintainer field of the Debian packages")
set(CPACK_PACKAGE_CONTACT "${BREAKEVEN_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${BREAKEVEN_PACKAGE_MAINTAINER}")
# Each package's description (summary line, then the long description) is its component's below.
# CPackDeb would put CPACK_PACKAGE_DESCRIPTION_SUMMARY before both unless it is CPack's default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_NAME} built using CMake")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # breakeven_0.1.0_amd64.deb, breakeven-dev_0.1.0_amd64.deb
# Depends: from the binary's shared libraries (dpkg-shlibdeps: libc6, libfmt9, libgcc-s1,
# libstdc++6 with their minimum versions), not a hand-kept list.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME breakeven)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "cloud cost curves and break-even points
 What a deployment costs each month as VMs, Kubernetes, serverless containers or
 serverless functions, itemised, and at what traffic one starts costing more than
 another. The rate tables are compiled in.")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME breakeven-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "libfmt-dev (>= 9), nlohmann-json3-dev (>= 3.11)")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION
    "cloud cost curves and break-even points (C++ library)
 The breakeven library: headers, the static library and a CMake package
 (find_package(breakeven CONFIG) gives the target breakeven::core).")
include(CPack)
