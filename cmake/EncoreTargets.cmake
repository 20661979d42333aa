# Helpers shared by the project's targets.

# encore_library(NAME SOURCES...): a static library of daemon code with the project's
# include roots and warnings.
function(encore_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${ENCORE_WARNINGS})
  # Boost.DLL on std::filesystem: no Boost library to link.
  target_compile_definitions(${name} PUBLIC BOOST_DLL_USE_STD_FS)
endfunction()

# A plugin module exporting only encore_plugin_entry, built into OUTPUT_DIR.
function(encore_plugin_module name output_dir)
  add_library(${name} MODULE ${ARGN})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${output_dir}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${name} PRIVATE Encore::PluginAPI)
  target_link_options(${name} PRIVATE
    "LINKER:--version-script=${PROJECT_SOURCE_DIR}/plugin_api/cmake/plugin.map"
    "LINKER:--no-undefined")
  target_compile_options(${name} PRIVATE ${ENCORE_WARNINGS})
endfunction()

# encore_plugin(NAME SOURCES...): a first-party plugin, built into lib/encore/plugins and
# installed there, where encored looks by default. Our own plugins ship with the daemon and
# carry its version, ENCORE_PLUGIN_VERSION (project(VERSION)).
function(encore_plugin name)
  encore_plugin_module(${name} ${ENCORE_PLUGIN_OUTPUT_DIR} ${ARGN})
  target_compile_definitions(${name} PRIVATE ENCORE_PLUGIN_VERSION="${PROJECT_VERSION}")
  install(TARGETS ${name} LIBRARY DESTINATION ${ENCORE_INSTALL_PLUGIN_DIR} COMPONENT runtime)
endfunction()

# encore_example_plugin(NAME SOURCES...): an example, built beside the test plugins so the
# tests can load it, never into the real plugin folder and never installed.
function(encore_example_plugin name)
  encore_plugin_module(${name} ${ENCORE_TEST_PLUGIN_DIR} ${ARGN})
endfunction()
