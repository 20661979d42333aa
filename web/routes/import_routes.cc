#include "web/routes/import_routes.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "daemon/core/unicode_text.h"
#include "daemon/imports/import_settings.h"
#include "web/api_error.h"

namespace encore {
namespace {

std::string lowerExtension(const std::string &name) {
  std::string ext = std::filesystem::path(name).extension().string();
  for (char &c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

/// Streams the "file" part to disk, counting bytes against the cap as they arrive.
class UploadHandler : public Poco::Net::PartHandler {
 public:
  UploadHandler(std::string dir, int64_t maxBytes) : dir_(std::move(dir)), maxBytes_(maxBytes) {}
  ~UploadHandler() override {
    if (!kept_ && !path_.empty()) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
  }

  void handlePart(const Poco::Net::MessageHeader &header, std::istream &stream) override {
    std::string disposition, name, fileName;
    Poco::Net::NameValueCollection params;
    if (header.has("Content-Disposition")) {
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition"), disposition,
                                                params);
    }
    name = params.get("name", "");
    fileName =
        text::validUtf8(std::filesystem::path(params.get("filename", "")).filename().string());
    if (name != "file" || !path_.empty()) {
      char sink[8192];
      while (stream.read(sink, sizeof sink) || stream.gcount() > 0) {
      }
      return;
    }
    const std::string ext = lowerExtension(fileName);
    if (ext != ".zip" && ext != ".json" && ext != ".csv") {
      throw ApiError(
          415, "unsupported_file_type",
          "upload a .zip, .json or .csv export (got '" + text::clipBytes(fileName, 100) + "')");
    }
    static std::atomic<uint64_t> counter{0};
    fileName_ = fileName;
    path_ = dir_ + "/upload-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ext;
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    if (!out) throw ApiError(500, "internal", "cannot store the upload");
    char buffer[64 * 1024];
    int64_t written = 0;
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
      written += stream.gcount();
      if (written > maxBytes_) {
        throw ApiError(413, "upload_too_large",
                       "the upload is over the limit of " + std::to_string(maxBytes_ >> 20) +
                           " MiB (setting " + kMaxUploadSetting + "); use `encored import FILE`");
      }
      out.write(buffer, stream.gcount());
    }
    out.close();
    if (!out) throw ApiError(507, "insufficient_storage", "cannot store the upload (disk full?)");
  }

  const std::string &path() const { return path_; }
  const std::string &fileName() const { return fileName_; }
  void keep() { kept_ = true; }

 private:
  std::string dir_;
  int64_t maxBytes_;
  std::string path_;
  std::string fileName_;
  bool kept_ = false;
};

int64_t parseId(const std::string &text) {
  try {
    size_t used = 0;
    long long id = std::stoll(text, &used);
    if (used == text.size() && id > 0) return id;
  } catch (const std::exception &) {
  }
  throw ApiError(404, "unknown_import", "no import '" + text.substr(0, 40) + "'");
}

}  // namespace

void addImportRoutes(Router &router, WebServices &s, ImportManager &imports) {
  router.add("POST", "/api/imports", [&s, &imports](RequestContext &ctx) {
    const int64_t maxBytes = s.settings.intValue(kMaxUploadSetting) << 20;
    auto &request = ctx.request();
    // Refuse an announced oversized body before reading any of it.
    if (request.hasContentLength() && request.getContentLength64() > maxBytes + (1 << 20)) {
      ctx.response().setKeepAlive(false);
      throw ApiError(413, "upload_too_large",
                     "the upload is over the limit of " + std::to_string(maxBytes >> 20) +
                         " MiB (setting " + kMaxUploadSetting + "); use `encored import FILE`");
    }
    if (request.getContentType().rfind("multipart/form-data", 0) != 0) {
      throw ApiError(400, "expected_multipart",
                     "send the file as multipart/form-data in a field named \"file\"");
    }
    UploadHandler upload(imports.uploadDir(), maxBytes);
    try {
      Poco::Net::HTMLForm form;
      form.setFieldLimit(20);
      form.load(request, request.stream(), upload);
    } catch (const ApiError &) {
      ctx.response().setKeepAlive(false);
      throw;
    } catch (const Poco::Exception &e) {
      throw ApiError(400, "malformed_upload", "cannot read the upload: " + e.displayText());
    }
    if (upload.path().empty()) {
      throw ApiError(400, "missing_file", "the form has no field named \"file\" with a file");
    }
    upload.keep();
    int64_t id = imports.submitUpload(upload.path(), upload.fileName());
    ctx.response().set("Location", "/api/imports/" + std::to_string(id));
    auto described = imports.records().describe(id);
    ctx.sendJson(202, {{"import", described ? *described : nlohmann::json()}});
  });

  router.add("GET", "/api/imports", [&imports](RequestContext &ctx) {
    ctx.sendJson(200, {{"imports", imports.records().list(50)}});
  });

  router.add("GET", "/api/imports/{id}", [&imports](RequestContext &ctx) {
    auto described = imports.records().describe(parseId(ctx.param("id")));
    if (!described) throw ApiError(404, "unknown_import", "no import " + ctx.param("id"));
    ctx.sendJson(200, {{"import", *described}});
  });
}

}  // namespace encore
