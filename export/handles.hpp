// unique_ptr owners for serd and sord handles. Part of newsgraph::rdf (export/).
#pragma once

#include <serd/serd.h>
#include <sord/sord.h>

#include <memory>

namespace newsgraph::rdf {

struct WorldDeleter { void operator()(SordWorld* w) const { sord_world_free(w); } };
struct ModelDeleter { void operator()(SordModel* m) const { sord_free(m); } };
struct IterDeleter { void operator()(SordIter* i) const { sord_iter_free(i); } };
struct EnvDeleter { void operator()(SerdEnv* e) const { serd_env_free(e); } };
struct WriterDeleter { void operator()(SerdWriter* w) const { serd_writer_free(w); } };
struct ReaderDeleter { void operator()(SerdReader* r) const { serd_reader_free(r); } };

using WorldPtr = std::unique_ptr<SordWorld, WorldDeleter>;
using ModelPtr = std::unique_ptr<SordModel, ModelDeleter>;
using IterPtr = std::unique_ptr<SordIter, IterDeleter>;
using EnvPtr = std::unique_ptr<SerdEnv, EnvDeleter>;
using WriterPtr = std::unique_ptr<SerdWriter, WriterDeleter>;
using ReaderPtr = std::unique_ptr<SerdReader, ReaderDeleter>;

/// A node owned by us: sord nodes are reference counted, and sord_add takes
/// its own reference, so ours is dropped when this goes out of scope.
class Node {
 public:
  Node(SordWorld* world, SordNode* node) : world_(world), node_(node) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  Node(Node&& o) noexcept : world_(o.world_), node_(o.node_) { o.node_ = nullptr; }
  ~Node() {
    if (node_) sord_node_free(world_, node_);
  }
  [[nodiscard]] SordNode* get() const { return node_; }

 private:
  SordWorld* world_;
  SordNode* node_;
};

}  // namespace newsgraph::rdf
