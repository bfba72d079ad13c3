#include "service/telemetry/access_log.h"

#include <simdjson.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "service/telemetry/log.h"

namespace literllm {
namespace {

std::string TempPath(absl::string_view name) {
  return absl::StrCat(::testing::TempDir(), "access_log_test_", getpid(), "_",
                      name);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  EXPECT_TRUE(!lines.empty() && lines.back().empty())
      << "the last line is not whole";
  if (!lines.empty()) lines.pop_back();
  return lines;
}

// Everything readable from `fd` until end of file, on a thread of its own.
class PipeReader {
 public:
  explicit PipeReader(int fd)
      : thread_([this, fd] {
          char buffer[4096];
          ssize_t n;
          while ((n = read(fd, buffer, sizeof(buffer))) > 0)
            text_.append(buffer, n);
          close(fd);
        }) {}
  std::string Join() {
    thread_.join();
    return text_;
  }

 private:
  std::string text_;
  std::thread thread_;
};

TEST(AccessLogTest, StopWritesEveryQueuedLineInOrder) {
  const std::string path = TempPath("drain.log");
  std::remove(path.c_str());
  AccessLog log(AccessLog::Options{.flush_interval = absl::Hours(1)});
  ASSERT_TRUE(log.Start(path).ok());
  for (int i = 0; i < 5000; ++i) log.Write(absl::StrCat("{\"n\":", i, "}"));
  log.Stop();
  std::vector<std::string> lines = Lines(ReadFile(path));
  ASSERT_EQ(lines.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(lines[i], absl::StrCat("{\"n\":", i, "}"));
  }
  EXPECT_EQ(log.written(), 5000u);
  EXPECT_EQ(log.dropped(), 0u);
}

TEST(AccessLogTest, AppendsToAFileAndFlushesWithinTheInterval) {
  const std::string path = TempPath("append.log");
  std::ofstream(path) << "{\"before\":true}\n";
  AccessLog log(AccessLog::Options{.flush_interval = absl::Milliseconds(20)});
  ASSERT_TRUE(log.Start(path).ok());
  log.Write("{\"n\":1}");
  // Without Stop: the periodic flush puts the line in the file.
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (ReadFile(path).find("{\"n\":1}\n") == std::string::npos &&
         absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  EXPECT_EQ(ReadFile(path), "{\"before\":true}\n{\"n\":1}\n");
}

TEST(AccessLogTest, AFileThatCannotBeOpenedIsNamed) {
  AccessLog log;
  absl::Status started = log.Start("/nonexistent-dir/access.log");
  EXPECT_EQ(started.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(started.message().find("/nonexistent-dir/access.log"),
            std::string::npos)
      << started;
}

TEST(AccessLogTest, DropsAndCountsLinesWhileTheWriterIsBlocked) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  AccessLog log(AccessLog::Options{.max_queued_lines = 16,
                                   .flush_interval = absl::Milliseconds(1)});
  log.Start(fdopen(fds[1], "w"), /*close_at_stop=*/true);
  // 2 MB of lines into a pipe nobody reads (it holds 64 KiB): the writer
  // blocks, the queue fills, and Write neither blocks nor grows the queue.
  constexpr int kLines = 2000;
  const std::string padding(1000, 'x');
  for (int i = 0; i < kLines; ++i) {
    log.Write(absl::StrCat("{\"n\":", i, ",\"pad\":\"", padding, "\"}"));
  }
  const uint64_t dropped = log.dropped();
  EXPECT_GT(dropped, 0u);
  // What was not dropped arrives whole and in order once someone reads.
  PipeReader reader(fds[0]);
  log.Stop();
  std::vector<std::string> lines = Lines(reader.Join());
  EXPECT_EQ(lines.size() + log.dropped(), static_cast<size_t>(kLines));
  EXPECT_EQ(log.written(), lines.size());
  EXPECT_EQ(log.dropped(), dropped);
  int previous = -1;
  for (const std::string& line : lines) {
    int n = -1;
    ASSERT_EQ(std::sscanf(line.c_str(), "{\"n\":%d,", &n), 1) << line;
    EXPECT_GT(n, previous);
    previous = n;
    EXPECT_EQ(line.size(), absl::StrCat(n).size() + 1000 + 15) << line;
  }
}

TEST(AccessLogTest, LinesOutsideStartAndStopAreDropped) {
  AccessLog never_started;
  never_started.Write("{}");
  never_started.Stop();
  EXPECT_EQ(never_started.dropped(), 1u);

  const std::string path = TempPath("after-stop.log");
  AccessLog log;
  ASSERT_TRUE(log.Start(path).ok());
  log.Stop();
  log.Write("{}");
  EXPECT_EQ(log.dropped(), 1u);
  log.Stop();  // again: nothing happens
}

// The server's log (Log) and the access log share stdout: every line read
// back is one whole JSON object of one or the other.
TEST(AccessLogTest, SharesStdoutWithTheServerLogLineByLine) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::fflush(stdout);
  const int saved_stdout = dup(STDOUT_FILENO);
  ASSERT_EQ(dup2(fds[1], STDOUT_FILENO), STDOUT_FILENO);
  close(fds[1]);
  PipeReader reader(fds[0]);

  constexpr int kEach = 3000;
  {
    AccessLog log(AccessLog::Options{.max_queued_lines = kEach});
    ASSERT_TRUE(log.Start("stdout").ok());
    std::thread logger([] {
      for (int i = 0; i < kEach; ++i) {
        Log("info", "server line", {{"i", absl::StrCat(i)}});
      }
    });
    const std::string padding(300, 'a');
    for (int i = 0; i < kEach; ++i) {
      log.Write(absl::StrCat("{\"msg\":\"access\",\"pad\":\"", padding, "\"}"));
    }
    logger.join();
    log.Stop();
    EXPECT_EQ(log.dropped(), 0u);
  }
  std::fflush(stdout);
  dup2(saved_stdout, STDOUT_FILENO);
  close(saved_stdout);

  std::vector<std::string> lines = Lines(reader.Join());
  EXPECT_EQ(lines.size(), 2u * kEach);
  simdjson::dom::parser parser;
  int access = 0;
  for (const std::string& line : lines) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
    std::string_view msg;
    ASSERT_EQ(doc["msg"].get_string().get(msg), simdjson::SUCCESS) << line;
    if (msg == "access") ++access;
  }
  EXPECT_EQ(access, kEach);
}

}  // namespace
}  // namespace literllm
