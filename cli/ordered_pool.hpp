// Runs a function on a stream of items in worker threads and hands the
// results back in input order, with a bounded number of items in flight.
// Part of cli/ (extract -j N: articles in parallel, output as with -j 1).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace newsgraph::cli {

/// `work` runs in `threads` worker threads; `done` runs on the thread that
/// calls push() and finish(), one result at a time, in the order the items
/// were pushed. At most `window` items are in flight (queued, being worked
/// on, or done but waiting for an earlier one), so memory is bounded by
/// `window` items whatever the length of the stream: push() blocks (handing
/// finished results to `done`) while the window is full.
///
///   OrderedPool<Article, Extraction> pool(4, 16, extract_one, write_one);
///   for (...) pool.push(std::move(article));
///   pool.finish();
///
/// An exception thrown by `work` is rethrown by push() or finish() (after the
/// workers stopped); one thrown by `done` propagates from push() or finish().
template <class In, class Out>
class OrderedPool {
 public:
  OrderedPool(unsigned threads, std::size_t window, std::function<Out(In&&)> work, std::function<void(Out&&)> done)
      : window_(window < threads ? threads : window), work_(std::move(work)), done_(std::move(done)) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { run_worker(); });
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;
  ~OrderedPool() { stop(); }

  void push(In&& in) {
    std::unique_lock lock(mu_);
    queue_.emplace_back(next_in_++, std::move(in));
    work_cv_.notify_one();
    if (error_) rethrow(lock);
    // Hand on what is ready. When the window is full, wait until half of it
    // is free: the caller then pushes several items before it waits again,
    // so it sleeps once per window / 2 items, not once per item.
    for (auto it = ready_.find(next_out_); it != ready_.end(); it = ready_.find(next_out_)) deliver(lock, it);
    if (next_in_ - next_out_ >= window_) drain(lock, window_ / 2);
  }

  /// Waits for every item and hands the rest of the results on.
  void finish() {
    std::unique_lock lock(mu_);
    drain(lock, 0);
    lock.unlock();
    stop();
  }

 private:
  using Ready = typename std::map<std::size_t, Out>::iterator;

  void deliver(std::unique_lock<std::mutex>& lock, Ready it) {
    Out out = std::move(it->second);
    ready_.erase(it);
    ++next_out_;
    lock.unlock();
    done_(std::move(out));
    lock.lock();
  }

  // Hands results on, waiting for them, until at most `limit` items are in
  // flight. It sleeps until the last item it needs that is not done yet is
  // done (workers finish items about in order, so usually once).
  void drain(std::unique_lock<std::mutex>& lock, std::size_t limit) {
    while (next_in_ - next_out_ > limit) {
      if (error_) rethrow(lock);
      if (const auto it = ready_.find(next_out_); it != ready_.end()) {
        deliver(lock, it);
        continue;
      }
      wait_for_ = next_out_;
      for (auto seq = next_in_ - limit; seq-- > next_out_;) {
        if (!ready_.count(seq)) {
          wait_for_ = seq;
          break;
        }
      }
      done_cv_.wait(lock, [&] { return error_ || ready_.count(wait_for_); });
    }
    wait_for_ = kNobody;
  }

  [[noreturn]] void rethrow(std::unique_lock<std::mutex>& lock) {
    const auto e = error_;
    lock.unlock();
    stop();
    std::rethrow_exception(e);
  }

  void run_worker() {
    for (;;) {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      auto [seq, in] = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      try {
        Out out = work_(std::move(in));
        lock.lock();
        ready_.emplace(seq, std::move(out));
      } catch (...) {
        lock.lock();
        if (!error_) error_ = std::current_exception();
      }
      if (seq == wait_for_ || error_) done_cv_.notify_one();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mu_);
      closing_ = true;
      queue_.clear();
    }
    work_cv_.notify_all();
    for (auto& t : workers_) {
      if (t.joinable()) t.join();
    }
    workers_.clear();
  }

  const std::size_t window_;
  std::function<Out(In&&)> work_;
  std::function<void(Out&&)> done_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<std::pair<std::size_t, In>> queue_;
  std::map<std::size_t, Out> ready_;
  std::size_t next_in_ = 0, next_out_ = 0;
  static constexpr std::size_t kNobody = static_cast<std::size_t>(-1);
  std::size_t wait_for_ = kNobody;  ///< The item whose result the caller sleeps for.
  bool closing_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> workers_;
};

}  // namespace newsgraph::cli
