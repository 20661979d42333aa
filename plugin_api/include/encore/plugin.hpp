// encore/plugin.hpp -- the C++ SDK for Encore source plugins, header-only, C++17. It sits
// over the C ABI (encore/plugin_api.h) and adds nothing to it: a plugin built with it is
// a plugin like any other, exporting only encore_plugin_entry and calling no host symbol.
//
//   encore/decl.hpp         the entry, settings, jobs, importers and sinks, by name
//   encore/host.hpp         the host's services, looked up once; owners of host memory
//   encore/guard.hpp        the boundary of every callback: exceptions to codes and reasons
//   encore/status.hpp       encore::Error, the status table (encore_status_text)
//   encore/records.hpp      records documents written as text: pages, checkpoints, plays
//   encore/import.hpp       an importer's run: resumed entries, pages of plays, progress
//   encore/json_writer.hpp  JSON text with escaping and strict UTF-8
//   encore/text.hpp         UTF-8 checks, truncation, URL encoding
//   encore/time.hpp         calendar days and ISO-8601 timestamps as std::chrono values
//
// plugin_api/examples/hello_cpp is a whole plugin written with it.
#pragma once

#include "encore/decl.hpp"
#include "encore/guard.hpp"
#include "encore/host.hpp"
#include "encore/import.hpp"
#include "encore/json_writer.hpp"
#include "encore/plugin_api.h"
#include "encore/records.hpp"
#include "encore/status.hpp"
#include "encore/text.hpp"
#include "encore/time.hpp"
