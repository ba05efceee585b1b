#include "ingest/importer.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "ingest/chunked_file_reader.h"
#include "ingest/csv_reader.h"
#include "ingest/event_collector.h"
#include "ingest/message_encoder.h"
#include "ingest/ndjson_reader.h"
#include "ingest/rejects_writer.h"
#include "platform/parallel.h"

namespace winpath {
namespace {

// Below this many bytes per thread, splitting a block costs more than it saves.
constexpr size_t kMinBytesPerThread = 64 << 10;
constexpr int64_t kProgressIntervalNs = 100'000'000;

bool EndsWith(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

ImportFormat DetectFormat(const std::string& path, std::string_view head, ImportFormat given) {
  if (given != ImportFormat::kAuto) return given;
  for (std::string_view ext : {".ndjson", ".jsonl", ".json"}) {
    if (EndsWith(path, ext)) return ImportFormat::kNdjson;
  }
  if (EndsWith(path, ".csv")) return ImportFormat::kCsv;
  for (char c : head) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' ? ImportFormat::kNdjson : ImportFormat::kCsv;
  }
  return ImportFormat::kNdjson;
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Every event property the map can read: predicate and channel-rule conditions, value
// properties, dimensions. Other properties cannot reach the event table.
std::vector<std::string> PropertiesReadBy(const JourneyMap& map) {
  std::vector<std::string> keys;
  auto add = [&](const std::string& key) {
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  auto add_where = [&](const std::vector<PropertyCondition>& where) {
    for (const PropertyCondition& c : where) add(c.property);
  };
  for (const Win& w : map.wins) {
    add_where(w.predicate.where);
    add(w.value_property);
  }
  for (const Milestone& m : map.milestones) {
    add_where(m.predicate.where);
    add(m.value_property);
  }
  for (const ChannelRule& r : map.channels) add_where(r.where);
  for (const std::string& d : map.dimensions) add(d);
  return keys;
}

// Whether `a` and `b` name one file: the same inode when both exist, else the same path once
// made absolute and normalized (symlinks of the existing part resolved).
bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)) {
    bool same = std::filesystem::equivalent(a, b, ec);
    if (!ec) return same;
  }
  std::filesystem::path ca = std::filesystem::weakly_canonical(a, ec);
  if (ec) ca = std::filesystem::absolute(a, ec).lexically_normal();
  std::filesystem::path cb = std::filesystem::weakly_canonical(b, ec);
  if (ec) cb = std::filesystem::absolute(b, ec).lexically_normal();
  return ca == cb;
}

// The rejects file (or its temporary file) must not be an input: writing it would destroy
// the input before, or while, it is read.
Status CheckRejectsPath(const std::string& rejects, const std::vector<std::string>& inputs) {
  if (rejects.empty()) return Status::OK();
  std::error_code ec;
  if (std::filesystem::is_directory(rejects, ec)) {
    return Status::InvalidArgument("the rejects file '" + rejects + "' is a directory");
  }
  const std::string tmp = RejectsWriter::TemporaryPath(rejects);
  for (const std::string& input : inputs) {
    for (const std::string* out : {&rejects, &tmp}) {
      if (SameFile(*out, input)) {
        return Status::InvalidArgument("the rejects file '" + *out + "' is the input file '" +
                                       input +
                                       "': writing rejects there would destroy the input; "
                                       "choose another rejects path");
      }
    }
  }
  return Status::OK();
}

TimeMs SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct Importer::Worker {
  Worker(const JourneyMap& map, ValidationOptions v) : encoder(map, v) {}
  NdjsonReader ndjson;
  MessageEncoder encoder;
  LocalIdMaps maps;
  EncodedChunk ready;  // the last parsed range, waiting to be merged
};

Importer::Importer(const JourneyMap& map, ImportOptions options)
    : map_(map), options_(std::move(options)), rejects_(std::make_unique<RejectsWriter>()) {
  if (map.ChannelNames().size() > 255) {
    init_status_ =
        Status::InvalidArgument("the journey map has " + std::to_string(map.ChannelNames().size()) +
                                " channels; at most 255 are supported");
  } else if (map.dimensions.size() > static_cast<size_t>(kMaxDimensions)) {
    init_status_ = Status::InvalidArgument("the journey map has more than " +
                                           std::to_string(kMaxDimensions) + " dimensions");
  }
  rejects_->set_path(options_.rejects_path);
  if (!init_status_.ok()) return;
  ValidationOptions v{options_.now.value_or(SystemNowMs()), options_.max_future};
  int threads = options_.threads > 0 ? options_.threads : HardwareThreads();
  const std::vector<std::string> keep = PropertiesReadBy(map);
  for (int t = 0; t < std::max(1, threads); ++t) {
    workers_.push_back(std::make_unique<Worker>(map, v));
    workers_.back()->ndjson.KeepOnlyProperties(keep);
  }
  collector_ = std::make_unique<EventCollector>(map, &stats_, rejects_.get());
}

Importer::~Importer() = default;

void Importer::Progress(uint64_t done, uint64_t total, bool final) {
  if (!options_.progress) return;
  int64_t now = NowNs();
  if (!final && now - last_progress_ns_ < kProgressIntervalNs) return;
  last_progress_ns_ = now;
  options_.progress(done, total);
}

Status Importer::AddFiles(const std::vector<std::string>& paths) {
  if (!init_status_.ok()) return init_status_;
  if (finished_) return Status::FailedPrecondition("the import was already finished");
  WINPATH_RETURN_IF_ERROR(CheckRejectsPath(options_.rejects_path, paths));
  uint64_t total = 0;
  for (const std::string& path : paths) {
    ChunkedFileReader probe;
    WINPATH_RETURN_IF_ERROR(probe.Open(path, 16));
    total += probe.file_size();
  }
  const uint64_t bytes_before = stats_.bytes;
  for (const std::string& path : paths) {
    WINPATH_RETURN_IF_ERROR(ReadFile(path, stats_.bytes - bytes_before, total));
  }
  Progress(total, total, true);
  return Status::OK();
}

Status Importer::ReadFile(const std::string& path, uint64_t bytes_before, uint64_t bytes_total) {
  ChunkedFileReader file;
  WINPATH_RETURN_IF_ERROR(file.Open(path, options_.block_bytes));
  ++stats_.files;
  const uint64_t read_before = stats_.read;
  if (file.file_size() == 0) {
    stats_.notes.push_back(path + ": the file is empty; nothing imported");
    return Status::OK();
  }
  WINPATH_ASSIGN_OR_RETURN(std::string_view head, file.Fill());
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {  // UTF-8 byte order mark
    file.Consume(3);
    head.remove_prefix(3);
  }
  ImportFormat format = DetectFormat(path, head.substr(0, 4096), options_.format);
  Status s = format == ImportFormat::kCsv ? ReadCsv(file, bytes_before, bytes_total)
                                          : ReadNdjson(file, bytes_before, bytes_total);
  stats_.bytes += file.file_size();
  if (s.ok() && stats_.read == read_before) {
    stats_.notes.push_back(path + ": no messages (only blank lines or a CSV header)");
  }
  return s;
}

// Splits `block` (whole lines) into one range per worker and parses them in parallel. Each
// worker numbers its lines from 1; lines_[r] receives how many lines range r had.
void Importer::ParseBlock(std::string_view block) {
  const size_t ranges = std::min(workers_.size(), block.size() / kMinBytesPerThread + 1);
  parts_.clear();
  size_t begin = 0;
  for (size_t r = 0; r < ranges && begin < block.size(); ++r) {
    size_t end = std::max(begin, r + 1 == ranges ? block.size() : block.size() * (r + 1) / ranges);
    const void* nl =
        end < block.size() ? std::memchr(block.data() + end, '\n', block.size() - end) : nullptr;
    end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - block.data()) + 1 : block.size();
    parts_.push_back(block.substr(begin, end - begin));
    begin = end;
  }
  lines_.assign(parts_.size(), 0);
  ParallelRanges(parts_.size(), static_cast<int>(parts_.size()), [&](int, size_t b, size_t e) {
    for (size_t r = b; r < e; ++r) {
      Worker& w = *workers_[r];
      std::string_view text = parts_[r];
      uint64_t n = 0;
      while (!text.empty()) {
        size_t nl = text.find('\n');
        w.ndjson.ReadPaddedLine(text.substr(0, nl), ++n, w.encoder);
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
      }
      lines_[r] = n;
    }
  });
}

// Block k is parsed by the workers while this thread merges block k - 1 and then reads block
// k + 1: the merge (dedup, id mapping, rejects) is sequential by nature, and the read is a copy
// out of the page cache; both hide behind the parsing. Block k's view stays valid through the
// read of block k + 1 (ChunkedFileReader is double-buffered).
Status Importer::ReadNdjson(ChunkedFileReader& file, uint64_t bytes_before, uint64_t bytes_total) {
  uint64_t next_line = 1;
  std::vector<uint64_t> ready_lines;  // lines per range of the block waiting to be merged
  uint64_t ready_bytes = 0;           // the size of that block
  bool reserved = false;
  Status status;
  auto merge_ready = [&] {
    uint64_t lines = 0;
    for (size_t r = 0; r < ready_lines.size(); ++r) {
      Worker& w = *workers_[r];
      Status s = collector_->Merge(w.ready, &w.maps, file.path(), next_line - 1);
      if (status.ok()) status = s;
      next_line += ready_lines[r];
      lines += ready_lines[r];
    }
    ready_lines.clear();
    // After the first block, room for the rest of the file at the first block's lines per
    // byte, and an eighth more: the collector's buffers then grow (copying GBs, on this
    // thread, while the parsers wait) only when the file's lines get shorter.
    if (!reserved && ready_bytes > 0) {
      reserved = true;
      const double rest =
          static_cast<double>(file.file_size() - std::min(file.file_size(), ready_bytes));
      collector_->Reserve(static_cast<uint64_t>(static_cast<double>(lines) * rest /
                                                static_cast<double>(ready_bytes) * 1.125));
    }
  };
  Result<std::string_view> filled = file.Fill();
  while (true) {
    if (!filled.ok()) {
      merge_ready();  // leave no parsed block behind for the next file
      return filled.status();
    }
    std::string_view view = *filled;
    if (view.empty() && file.eof()) break;
    size_t end = view.size();
    if (!file.eof()) {
      size_t nl = view.rfind('\n');
      end = nl == std::string_view::npos ? 0 : nl + 1;
    }
    if (end == 0) {  // one line longer than the buffer: Fill grows it
      filled = file.Fill();
      continue;
    }
    file.Consume(end);
    std::thread parser([this, block = view.substr(0, end)] { ParseBlock(block); });
    merge_ready();
    filled = file.Fill();
    parser.join();
    for (size_t r = 0; r < parts_.size(); ++r) {
      std::swap(workers_[r]->encoder.chunk(), workers_[r]->ready);
    }
    ready_lines = lines_;
    ready_bytes = end;
    Progress(bytes_before + file.bytes_consumed(), bytes_total, false);
  }
  merge_ready();
  return status;
}

Status Importer::ReadCsv(ChunkedFileReader& file, uint64_t bytes_before, uint64_t bytes_total) {
  CsvReader csv(options_.csv_columns);
  Worker& w = *workers_[0];
  Status status;
  while (true) {
    WINPATH_ASSIGN_OR_RETURN(std::string_view view, file.Fill());
    if (view.empty() && file.eof()) break;
    w.encoder.set_field_names(&csv.field_names());
    Result<size_t> consumed = csv.Read(view, file.eof(), w.encoder);
    w.encoder.set_field_names(nullptr);
    Status merged = collector_->Merge(w.encoder.chunk(), &w.maps, file.path(), 0);
    if (!consumed.ok()) return consumed.status().WithPrefix(file.path());
    if (status.ok()) status = merged;
    file.Consume(*consumed);
    Progress(bytes_before + file.bytes_consumed(), bytes_total, false);
  }
  return status;
}

Result<EventTable> Importer::Finish() {
  if (!init_status_.ok()) return init_status_;
  if (finished_) return Status::FailedPrecondition("Finish was already called");
  finished_ = true;
  Status closed = rejects_->Commit();
  Result<EventTable> table = collector_->Build(static_cast<int>(workers_.size()));
  if (!closed.ok()) return closed;
  return table;
}

}  // namespace winpath
