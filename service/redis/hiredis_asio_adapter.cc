#include "service/redis/hiredis_asio_adapter.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "boost/asio/error.hpp"

namespace literllm::redis_internal {
namespace {

HiredisAsioAdapter* Self(void* data) {
  return static_cast<HiredisAsioAdapter*>(data);
}

}  // namespace

HiredisAsioAdapter::HiredisAsioAdapter(boost::asio::io_context& io,
                                       absl::AnyInvocable<void()> on_detached)
    : socket_(io), on_detached_(std::move(on_detached)) {}

absl::Status HiredisAsioAdapter::Attach(redisAsyncContext* ac) {
  boost::system::error_code ec;
  socket_.assign(ac->c.fd, ec);
  if (ec) return absl::InternalError(absl::StrCat("asio: ", ec.message()));
  ac_ = ac;
  ++generation_;
  ac->ev.data = this;
  // hiredis wants C function pointers; these lambdas capture nothing.
  ac->ev.addRead = [](void* data) { Self(data)->Want(kRead, true); };
  ac->ev.delRead = [](void* data) { Self(data)->Want(kRead, false); };
  ac->ev.addWrite = [](void* data) { Self(data)->Want(kWrite, true); };
  ac->ev.delWrite = [](void* data) { Self(data)->Want(kWrite, false); };
  ac->ev.cleanup = [](void* data) { Self(data)->Detach(); };
  return absl::OkStatus();
}

void HiredisAsioAdapter::Want(Direction direction, bool want) {
  want_[direction] = want;
  // A wait no longer wanted is left to complete; OnReady then ignores it
  // (a descriptor cannot cancel one direction only).
  if (want) Arm(direction);
}

void HiredisAsioAdapter::Arm(Direction direction) {
  if (ac_ == nullptr || !want_[direction] || armed_[direction]) return;
  armed_[direction] = true;
  socket_.async_wait(
      direction == kRead ? boost::asio::posix::stream_descriptor::wait_read
                         : boost::asio::posix::stream_descriptor::wait_write,
      [this, direction,
       generation = generation_](const boost::system::error_code& ec) {
        OnReady(direction, generation, ec);
      });
}

void HiredisAsioAdapter::OnReady(Direction direction, uint64_t generation,
                                 const boost::system::error_code& ec) {
  if (generation != generation_) return;
  armed_[direction] = false;
  if (ec == boost::asio::error::operation_aborted || !want_[direction]) return;
  // Other errors go to hiredis too: its read or write then meets the
  // socket's error and ends the context.
  if (direction == kRead) {
    redisAsyncHandleRead(ac_);
  } else {
    redisAsyncHandleWrite(ac_);
  }
  // hiredis may have ended the context; if not, keep waiting while wanted.
  if (generation == generation_) Arm(direction);
}

void HiredisAsioAdapter::Detach() {
  if (ac_ == nullptr) return;  // hiredis 0.14 may call cleanup twice
  // hiredis closes the fd itself (redisFree): give it back, never close it.
  socket_.release();
  ++generation_;
  ac_ = nullptr;
  want_[kRead] = want_[kWrite] = false;
  armed_[kRead] = armed_[kWrite] = false;
  on_detached_();
}

}  // namespace literllm::redis_internal
