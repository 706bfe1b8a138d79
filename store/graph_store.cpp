// Graph Store HTTP Protocol requests with libcurl. Part of newsgraph::store.
#include "store/graph_store.hpp"

#include <curl/curl.h>

#include <mutex>

namespace newsgraph::store {

namespace {

struct CurlDeleter { void operator()(CURL* c) const { curl_easy_cleanup(c); } };
struct ListDeleter { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };

size_t append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// Keeps the reason phrase of the last status line ("HTTP/1.1 401 Unauthorized").
size_t on_header(char* data, size_t size, size_t n, void* out) {
  const std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    const auto code = line.find(' ');
    const auto reason = code == std::string_view::npos ? code : line.find(' ', code + 1);
    auto& r = *static_cast<std::string*>(out);
    r.clear();
    if (reason != std::string_view::npos) {
      r = std::string(line.substr(reason + 1));
      while (!r.empty() && (r.back() == '\n' || r.back() == '\r' || r.back() == ' ')) r.pop_back();
    }
  }
  return size * n;
}

// The first line of an answer that says something (HTML tags dropped), cut
// to a length a terminal line can hold.
std::string first_line(const std::string& body) {
  std::string line;
  std::size_t i = 0;
  while (i < body.size()) {
    const std::size_t end = std::min(body.find('\n', i), body.size());
    std::string l;
    bool in_tag = false;
    for (std::size_t k = i; k < end; ++k) {
      const char c = body[k];
      if (c == '<') in_tag = true;
      else if (c == '>') in_tag = false;
      else if (!in_tag && c != '\r') l += c;
    }
    const auto b = l.find_first_not_of(" \t");
    if (b != std::string::npos) {
      line = l.substr(b);
      break;
    }
    i = end + 1;
  }
  if (line.size() > 200) line = line.substr(0, 200) + "...";
  return line;
}

}  // namespace

struct GraphStore::Impl {
  std::string endpoint;
  std::string userpwd;
  std::unique_ptr<CURL, CurlDeleter> curl;
};

GraphStore::GraphStore() : impl_(std::make_unique<Impl>()) {}
GraphStore::GraphStore(GraphStore&&) noexcept = default;
GraphStore& GraphStore::operator=(GraphStore&&) noexcept = default;
GraphStore::~GraphStore() = default;

Result<GraphStore> GraphStore::make(const std::string& endpoint, const std::string& user, const std::string& password) {
  const auto colon = endpoint.find("://");
  const std::string scheme = colon == std::string::npos ? "" : endpoint.substr(0, colon);
  if (scheme != "http" && scheme != "https") {
    return Status(Code::BadArgument, "--endpoint must be an http:// or https:// URL, not '" + endpoint + "'");
  }
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) return Status(Code::Internal, std::string("libcurl: ") + curl_easy_strerror(init));
  GraphStore g;
  g.impl_->endpoint = endpoint;
  if (!user.empty()) g.impl_->userpwd = user + ":" + password;
  g.impl_->curl.reset(curl_easy_init());
  if (!g.impl_->curl) return Status(Code::Internal, "libcurl: cannot make a handle");
  return g;
}

std::string GraphStore::graph_url(const std::string& graph) const {
  const std::string& e = impl_->endpoint;
  const char sep = e.find('?') == std::string::npos ? '?' : '&';
  if (graph.empty()) return e + sep + "default";
  char* escaped = curl_easy_escape(impl_->curl.get(), graph.c_str(), static_cast<int>(graph.size()));
  std::string url = e + sep + "graph=" + (escaped ? escaped : "");
  curl_free(escaped);
  return url;
}

Status GraphStore::put(const std::string& graph, std::string_view ntriples) {
  CURL* c = impl_->curl.get();
  curl_easy_reset(c);
  const std::string url = graph_url(graph);
  std::string answer, reason;
  char error[CURL_ERROR_SIZE] = "";
  std::unique_ptr<curl_slist, ListDeleter> headers(curl_slist_append(nullptr, "Content-Type: application/n-triples"));
  headers.reset(curl_slist_append(headers.release(), "Expect:"));  // no 100-continue round trip
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, ntriples.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(ntriples.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &reason);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "newsgraph/0.1");
  if (!impl_->userpwd.empty()) {
    curl_easy_setopt(c, CURLOPT_USERPWD, impl_->userpwd.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_ANY);
  }
  const std::string what = graph.empty() ? "the default graph" : "graph <" + graph + ">";
  if (const CURLcode rc = curl_easy_perform(c); rc != CURLE_OK) {
    return Status(Code::IoError, impl_->endpoint + ": " + what + ": " + (error[0] ? error : curl_easy_strerror(rc)));
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (code < 200 || code >= 300) {
    const std::string line = first_line(answer);
    return Status(Code::IoError, impl_->endpoint + ": " + what + ": the store answered HTTP " + std::to_string(code) +
                                     (reason.empty() ? "" : " " + reason) + (line.empty() ? "" : ": " + line));
  }
  return Status::ok();
}

}  // namespace newsgraph::store
