#include "artwork/imaging_module.h"

#include <Poco/Logger.h>
#include <dlfcn.h>

#include <filesystem>

namespace encore {

ImagingModule::ImagingModule(std::string path, ImageLimits limits)
    : path_(path.empty() ? defaultPath() : std::move(path)), limits_(limits) {}

ImagingModule::~ImagingModule() {
  // The transcoder's code lives in the module; the module itself stays mapped, because
  // libvips and GLib cannot be unloaded safely once started.
  transcoder_.reset();
}

std::string ImagingModule::defaultPath() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "encore_imaging.so";
  return (exe.parent_path().parent_path() / "lib" / "encore" / "encore_imaging.so").string();
}

ImageTranscoder *ImagingModule::get() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (transcoder_) return transcoder_.get();
  if (!error_.empty()) return nullptr;
  load();
  if (!error_.empty()) Poco::Logger::get("artwork").error("%s", error_);
  return transcoder_.get();
}

void ImagingModule::load() {
  handle_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char *why = dlerror();
    error_ = "cannot load the imaging module: " + std::string(why != nullptr ? why : path_);
    return;
  }
  auto create =
      reinterpret_cast<encore_imaging_create_fn>(dlsym(handle_, ENCORE_IMAGING_CREATE_SYMBOL));
  if (create == nullptr) {
    error_ = path_ + " does not export " ENCORE_IMAGING_CREATE_SYMBOL;
    return;
  }
  char message[512] = {0};
  transcoder_.reset(create(&limits_, message, sizeof message));
  if (!transcoder_) error_ = std::string("the imaging module failed to start: ") + message;
}

std::string ImagingModule::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

bool ImagingModule::loaded() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return transcoder_ != nullptr;
}

}  // namespace encore
