#include "service/telemetry/log.h"

#include <cstdio>

#include "absl/synchronization/mutex.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace literllm {

void Log(absl::string_view level, absl::string_view message,
         const LogFields& fields) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto write_string = [&writer](absl::string_view s) {
    writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  writer.StartObject();
  writer.Key("level");
  write_string(level);
  writer.Key("msg");
  write_string(message);
  for (const auto& [key, value] : fields) {
    writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    write_string(value);
  }
  writer.EndObject();
  static absl::Mutex mu(absl::kConstInit);
  absl::MutexLock lock(&mu);
  std::fprintf(stdout, "%s\n", buffer.GetString());
  std::fflush(stdout);
}

}  // namespace literllm
