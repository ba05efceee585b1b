// ChunkedFileReader (ingest/chunked_file_reader.h): every byte read once whatever the block
// size, padded views, and a view that stays valid through the next Fill.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "ingest/chunked_file_reader.h"
#include "ingest/ndjson_reader.h"

namespace winpath {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path =
      ::testing::TempDir() + "winpath_chunked_" + std::to_string(::getpid()) + "_" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Reads `path` consuming whole lines, as the importer does, and checks on the way that each
// view is padded and stays unchanged through the next Fill (the double-buffering promise).
std::string ReadLines(const std::string& path, size_t block) {
  ChunkedFileReader file;
  EXPECT_TRUE(file.Open(path, block).ok());
  std::string out;
  std::string_view previous;
  std::string previous_copy;
  while (true) {
    Result<std::string_view> view = file.Fill();
    EXPECT_TRUE(view.ok());
    EXPECT_EQ(previous, previous_copy) << "the view of the last Fill changed";
    for (size_t i = 0; i < kNdjsonPadding; ++i) EXPECT_EQ(view->data()[view->size() + i], ' ');
    if (view->empty() && file.eof()) break;
    size_t end = view->size();
    if (!file.eof()) {
      const size_t nl = view->rfind('\n');
      end = nl == std::string_view::npos ? 0 : nl + 1;
    }
    out.append(view->substr(0, end));
    file.Consume(end);
    previous = view->substr(0, end);
    previous_copy = std::string(previous);
  }
  EXPECT_EQ(file.bytes_consumed(), out.size());
  return out;
}

TEST(ChunkedFileReaderTest, EveryByteOnceWhateverTheBlockSize) {
  std::string text;
  for (int i = 0; i < 500; ++i) {
    text += "line " + std::to_string(i) + std::string(static_cast<size_t>(i % 37), 'x') + "\n";
  }
  text += std::string(300, 'L') + "\n";  // longer than the small blocks: the buffer grows
  text += "no newline at the end";
  const std::string path = WriteTemp("lines.txt", text);
  for (size_t block : {size_t{16}, size_t{100}, size_t{4096}, size_t{1} << 20}) {
    EXPECT_EQ(ReadLines(path, block), text) << "block " << block;
  }
}

TEST(ChunkedFileReaderTest, EmptyFileIsOneEmptyView) {
  const std::string path = WriteTemp("empty.txt", "");
  ChunkedFileReader file;
  ASSERT_TRUE(file.Open(path, 64).ok());
  Result<std::string_view> view = file.Fill();
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->empty());
  EXPECT_TRUE(file.eof());
}

TEST(ChunkedFileReaderTest, MissingFileAndDirectoryAreIoErrors) {
  ChunkedFileReader a, b;
  EXPECT_EQ(a.Open("/nonexistent/winpath.ndjson", 64).code(), StatusCode::kIoError);
  Status dir = b.Open(::testing::TempDir(), 64);
  EXPECT_EQ(dir.code(), StatusCode::kIoError);
  EXPECT_NE(dir.message().find("directory"), std::string::npos) << dir.ToString();
}

}  // namespace
}  // namespace winpath
