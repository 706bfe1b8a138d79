// Tests of the worker pool behind `extract -j N`: results in input order,
// never more than the window in flight, errors passed on.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "cli/ordered_pool.hpp"

using newsgraph::cli::OrderedPool;

TEST_CASE("the pool hands results on in input order, with at most the window in flight", "[cli]") {
  for (const unsigned threads : {1u, 2u, 4u}) {
    for (const std::size_t window : {std::size_t{1}, std::size_t{3}, std::size_t{8}, std::size_t{32}}) {
      CAPTURE(threads, window);
      std::atomic<int> in_flight{0}, most{0};
      std::vector<int> out;
      {
        OrderedPool<int, int> pool(
            threads, window,
            [&](int&& x) {
              // Uneven work, so that items finish out of order.
              std::this_thread::sleep_for(std::chrono::microseconds((x * 7919) % 300));
              return x * 2;
            },
            [&](int&& y) {
              out.push_back(y);
              --in_flight;
            });
        for (int i = 0; i < 400; ++i) {
          const int now = ++in_flight;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          pool.push(int{i});
        }
        pool.finish();
      }
      REQUIRE(out.size() == 400);
      for (int i = 0; i < 400; ++i) CHECK(out[static_cast<std::size_t>(i)] == 2 * i);
      // Pushed but not yet handed on: never more than the window (at least
      // the thread count), counting the one being pushed.
      CHECK(most.load() <= static_cast<int>(std::max<std::size_t>(window, threads)) + 1);
    }
  }
}

TEST_CASE("an exception thrown by the work comes out of push or finish", "[cli]") {
  for (const unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    std::vector<int> out;
    bool thrown = false;
    try {
      OrderedPool<int, int> pool(
          threads, 4,
          [](int&& x) {
            if (x == 50) throw std::runtime_error("item 50");
            return x;
          },
          [&](int&& y) { out.push_back(y); });
      for (int i = 0; i < 200; ++i) pool.push(int{i});
      pool.finish();
    } catch (const std::runtime_error& e) {
      thrown = std::string(e.what()) == "item 50";
    }
    CHECK(thrown);
    // What was handed on before the error is in order and stops before it.
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i] == static_cast<int>(i));
    CHECK(out.size() <= 50);
  }
}
