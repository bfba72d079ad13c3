#ifndef LITERLLM_SERVICE_REDIS_HIREDIS_ASIO_ADAPTER_H_
#define LITERLLM_SERVICE_REDIS_HIREDIS_ASIO_ADAPTER_H_

#include <hiredis/async.h>

#include <cstdint>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "boost/asio/io_context.hpp"
#include "boost/asio/posix/stream_descriptor.hpp"
#include "boost/system/error_code.hpp"

namespace literllm::redis_internal {

// Drives one hiredis async context at a time from an io_context, in the way
// of hiredis's adapters/*.h: its addRead/addWrite hooks become async_waits
// on the context's socket that call redisAsyncHandleRead/Write, re-armed for
// as long as hiredis wants them. Everything runs on the io_context's thread.
// The socket stays hiredis's: the descriptor is released, not closed, when
// hiredis cleans up (on every way a context ends), and then `on_detached`
// runs while the context is still readable.
class HiredisAsioAdapter {
 public:
  HiredisAsioAdapter(boost::asio::io_context& io,
                     absl::AnyInvocable<void()> on_detached);
  HiredisAsioAdapter(const HiredisAsioAdapter&) = delete;
  HiredisAsioAdapter& operator=(const HiredisAsioAdapter&) = delete;

  // Installs the hooks on a freshly connecting `ac`. On error nothing is
  // installed and the caller still owns `ac`.
  absl::Status Attach(redisAsyncContext* ac);

 private:
  enum Direction { kRead = 0, kWrite = 1 };

  void Want(Direction direction, bool want);
  void Arm(Direction direction);
  void OnReady(Direction direction, uint64_t generation,
               const boost::system::error_code& ec);
  void Detach();

  boost::asio::posix::stream_descriptor socket_;
  absl::AnyInvocable<void()> on_detached_;
  redisAsyncContext* ac_ = nullptr;
  // Bumped on every attach and detach so that waits completing for a
  // context that is gone are ignored.
  uint64_t generation_ = 0;
  bool want_[2] = {false, false};
  bool armed_[2] = {false, false};
};

}  // namespace literllm::redis_internal

#endif  // LITERLLM_SERVICE_REDIS_HIREDIS_ASIO_ADAPTER_H_
