#include "base/status.h"

#include <gtest/gtest.h>

#include <utility>

namespace winpath {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_TRUE(Status::OK().ok());
}

TEST(StatusTest, FactoriesSetCodeAndMessage) {
  const std::pair<Status, StatusCode> cases[] = {
      {Status::InvalidArgument("m"), StatusCode::kInvalidArgument},
      {Status::NotFound("m"), StatusCode::kNotFound},
      {Status::AlreadyExists("m"), StatusCode::kAlreadyExists},
      {Status::IoError("m"), StatusCode::kIoError},
      {Status::Corruption("m"), StatusCode::kCorruption},
      {Status::OutOfRange("m"), StatusCode::kOutOfRange},
      {Status::FailedPrecondition("m"), StatusCode::kFailedPrecondition},
      {Status::ResourceExhausted("m"), StatusCode::kResourceExhausted},
      {Status::Internal("m"), StatusCode::kInternal},
  };
  for (const auto& [status, code] : cases) {
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), code);
    EXPECT_EQ(status.message(), "m");
  }
}

TEST(StatusTest, CodeNamesAreStable) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "OK");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "InvalidArgument");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "NotFound");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "AlreadyExists");
  EXPECT_EQ(StatusCodeName(StatusCode::kIoError), "IoError");
  EXPECT_EQ(StatusCodeName(StatusCode::kCorruption), "Corruption");
  EXPECT_EQ(StatusCodeName(StatusCode::kOutOfRange), "OutOfRange");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "FailedPrecondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "ResourceExhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "Internal");
  EXPECT_EQ(StatusCodeName(static_cast<StatusCode>(99)), "Unknown");
}

TEST(StatusTest, ToStringAndPrefix) {
  Status s = Status::InvalidArgument("map.yaml:3:5: unknown key");
  EXPECT_EQ(s.ToString(), "InvalidArgument: map.yaml:3:5: unknown key");
  Status p = s.WithPrefix("loading map");
  EXPECT_EQ(p.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.message(), "loading map: map.yaml:3:5: unknown key");
  EXPECT_EQ(s.message(), "map.yaml:3:5: unknown key");  // the original is unchanged
  EXPECT_TRUE(Status::OK().WithPrefix("ignored").ok());
  EXPECT_EQ(Status::OK().WithPrefix("ignored").message(), "");
}

TEST(StatusTest, CopiesAreValues) {
  Status a = Status::NotFound("file");
  Status b = a;
  b = b.WithPrefix("x");
  EXPECT_EQ(a.message(), "file");
  EXPECT_EQ(b.message(), "x: file");
}

Status FailIf(bool fail, int* reached) {
  WINPATH_RETURN_IF_ERROR(fail ? Status::IoError("disk") : Status::OK());
  ++*reached;
  return Status::OK();
}

TEST(StatusTest, ReturnIfError) {
  int reached = 0;
  EXPECT_TRUE(FailIf(false, &reached).ok());
  EXPECT_EQ(reached, 1);
  Status s = FailIf(true, &reached);
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.message(), "disk");
  EXPECT_EQ(reached, 1);
}

}  // namespace
}  // namespace winpath
