# What `cmake --install build --prefix P` puts where (the binaries install from their own
# folders: bin/encored, lib/encore/encore_imaging.so, lib/encore/plugins/*.so; the SDK from
# plugin_api/):
#   P/lib/systemd/system/encore.service   the hardened unit (docs/OPERATIONS.md)
#   P/lib/sysusers.d/encore.conf          the system user `encore`
#   /etc/encore/encore.conf               the commented default config (P/etc/... unless P is /usr)
#   P/share/doc/encore/                   README.md, docs/*.md
#   P/share/man/man8/encored.8.gz
set(ENCORE_PACKAGE_FILES ${PROJECT_SOURCE_DIR}/cmake/package)

install(FILES README.md DESTINATION share/doc/encore COMPONENT runtime)
install(DIRECTORY docs/ DESTINATION share/doc/encore COMPONENT runtime FILES_MATCHING PATTERN "*.md")
# The SDK's guide and the C example, with the SDK.
install(FILES plugin_api/README.md DESTINATION share/doc/encore-dev COMPONENT dev)
install(DIRECTORY plugin_api/examples DESTINATION share/doc/encore-dev COMPONENT dev)
install(FILES ${ENCORE_PACKAGE_FILES}/encore.sysusers DESTINATION lib/sysusers.d
  RENAME encore.conf COMPONENT runtime)

# The unit and the config name the prefix they are installed to, known only at install time
# (cmake --install --prefix overrides the configured one): written then, not at configure.
install(CODE "
  set(ENCORE_PACKAGE_FILES \"${ENCORE_PACKAGE_FILES}\")
  include(\"${PROJECT_SOURCE_DIR}/cmake/install_service_files.cmake\")
" COMPONENT runtime)

# Debian wants man pages and the changelog compressed without a timestamp: gzip -n.
find_program(ENCORE_GZIP gzip REQUIRED)
set(ENCORE_MAN_PAGE ${CMAKE_BINARY_DIR}/package/encored.8.gz)
add_custom_command(OUTPUT ${ENCORE_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/package
  COMMAND ${ENCORE_GZIP} -9n -c ${ENCORE_PACKAGE_FILES}/encored.8 > ${ENCORE_MAN_PAGE}
  DEPENDS ${ENCORE_PACKAGE_FILES}/encored.8 VERBATIM)
add_custom_target(encore_man_page ALL DEPENDS ${ENCORE_MAN_PAGE})
install(FILES ${ENCORE_MAN_PAGE} DESTINATION share/man/man8 COMPONENT runtime)
