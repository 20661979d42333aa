# Runs at install time (cmake --install, cpack), with CMAKE_INSTALL_PREFIX the prefix being
# installed to: writes the systemd unit and the default config naming its paths. Prefix /usr
# puts the config in /etc, as the FHS wants; any other prefix keeps it inside itself. The
# data directory is the unit's StateDirectory, /var/lib/encore, whatever the prefix.
set(ENCORE_BIN_DIR "${CMAKE_INSTALL_PREFIX}/bin")
set(ENCORE_DOC_DIR "${CMAKE_INSTALL_PREFIX}/share/doc/encore")
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(ENCORE_CONFIG_DIR "/etc/encore")
else()
  set(ENCORE_CONFIG_DIR "${CMAKE_INSTALL_PREFIX}/etc/encore")
endif()
set(ENCORE_STATE_DIR "/var/lib/encore")

function(encore_install_configured source target)
  set(destination "$ENV{DESTDIR}${target}")
  configure_file("${source}" "${destination}.tmp" @ONLY)
  # An installed config the user edited is kept; the new default goes beside it.
  if(EXISTS "${destination}" AND NOT "${ARGN}" STREQUAL "")
    file(READ "${destination}" old)
    file(READ "${destination}.tmp" new)
    if(NOT old STREQUAL new)
      message(STATUS "Keeping: ${destination} (the new default is ${destination}.new)")
      file(RENAME "${destination}.tmp" "${destination}.new")
      list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${destination}.new")
      set(CMAKE_INSTALL_MANIFEST_FILES "${CMAKE_INSTALL_MANIFEST_FILES}" PARENT_SCOPE)
      return()
    endif()
  endif()
  message(STATUS "Installing: ${destination}")
  file(RENAME "${destination}.tmp" "${destination}")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${destination}")
  set(CMAKE_INSTALL_MANIFEST_FILES "${CMAKE_INSTALL_MANIFEST_FILES}" PARENT_SCOPE)
endfunction()

encore_install_configured("${ENCORE_PACKAGE_FILES}/encore.service.in"
  "${CMAKE_INSTALL_PREFIX}/lib/systemd/system/encore.service")
encore_install_configured("${ENCORE_PACKAGE_FILES}/encore.conf.in"
  "${ENCORE_CONFIG_DIR}/encore.conf" KEEP_EDITED)
