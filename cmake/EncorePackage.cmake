# `make package`: two Debian packages, from the install rules' two components.
#   encore_<version>_<arch>.deb      the daemon, the plugins, the imaging module, the unit,
#                                    /etc/encore/encore.conf (a conffile), the user `encore`
#   encore-dev_<version>_all.deb     the plugin SDK: headers and the CMake package
# Dependencies are what dpkg-shlibdeps finds the binaries linked with (the dlopen'ed imaging
# module and plugins included), never a hand-kept list.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME encore)
set(CPACK_PACKAGE_VENDOR "The Encore authors")
# Whoever builds and ships the package is its maintainer: -DENCORE_PACKAGE_CONTACT=...
set(ENCORE_PACKAGE_CONTACT "The Encore authors <encore@example.org>"
    CACHE STRING "Maintainer of the Debian packages (Name <address>)")
set(CPACK_PACKAGE_CONTACT "${ENCORE_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
set(CPACK_THREADS 0)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME encore)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# Besides the libraries: postinst falls back to adduser where systemd-sysusers is missing.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "self-hosted music library, listening history and stats
 Encore keeps your music life in one SQLite database on your own disk: your
 Spotify library, your listening history from Spotify, Last.fm and Spotify's
 data-export files, WebP copies of the artwork, and Wrapped-style statistics
 all year round. One small daemon, encored, runs as the systemd service
 encore.service with a settings page, stats pages, a JSON API and Prometheus
 metrics. Every online service is a plugin loaded through a stable C ABI.")
set(ENCORE_DEBIAN_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/package/debian)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
  ${ENCORE_DEBIAN_SCRIPTS}/conffiles ${ENCORE_DEBIAN_SCRIPTS}/postinst
  ${ENCORE_DEBIAN_SCRIPTS}/prerm ${ENCORE_DEBIAN_SCRIPTS}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME encore-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION "plugin SDK for the Encore music daemon
 The C99 header of Encore's stable plugin ABI (encore/plugin_api.h), the
 header-only C++17 SDK over it (encore/plugin.hpp), the example plugins in C
 and C++, and the CMake package EncorePluginAPI, whose encore_add_plugin()
 builds a plugin module that the daemon's plugin directory accepts.")

# Each package carries its copyright and changelog, as Debian requires; a native package
# (no Debian revision in its version) names it changelog.gz.
foreach(package_component encore:runtime encore-dev:dev)
  string(REPLACE ":" ";" pair ${package_component})
  list(GET pair 0 package)
  list(GET pair 1 component)
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/package/copyright ${CMAKE_BINARY_DIR}/package/changelog.gz
    DESTINATION share/doc/${package} COMPONENT ${component})
endforeach()
set(ENCORE_CHANGELOG ${CMAKE_BINARY_DIR}/package/changelog.gz)
configure_file(${PROJECT_SOURCE_DIR}/cmake/package/debian/changelog.in
  ${CMAKE_BINARY_DIR}/package/changelog.Debian @ONLY)
add_custom_command(OUTPUT ${ENCORE_CHANGELOG}
  COMMAND ${ENCORE_GZIP} -9n -c ${CMAKE_BINARY_DIR}/package/changelog.Debian > ${ENCORE_CHANGELOG}
  DEPENDS ${CMAKE_BINARY_DIR}/package/changelog.Debian VERBATIM)
add_custom_target(encore_changelog ALL DEPENDS ${ENCORE_CHANGELOG})

include(CPack)
cpack_add_component(runtime DISPLAY_NAME "Encore daemon")
cpack_add_component(dev DISPLAY_NAME "Encore plugin SDK")
