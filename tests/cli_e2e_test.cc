// End-to-end runs of the real `winpath` binary on real files: simulate -> import -> analyze,
// map check errors, exit codes, rejects kept, table file equals raw import.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("winpath_e2e_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun Winpath(const std::string& args) {
    CliRun r;
    fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    std::string cmd = "cd '" + dir_.string() + "' && '" + std::string(WINPATH_BINARY_DIR) +
                      "/bin/winpath' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadAll(out);
    r.err = ReadAll(err);
    return r;
  }
  std::string Example(const std::string& name) {
    return std::string(WINPATH_SOURCE_DIR) + "/examples/" + name;
  }
  fs::path dir_;
};

TEST_F(CliTest, HelpListsSubcommands) {
  CliRun r = Winpath("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub : {"analyze", "import", "map", "simulate"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  }
  EXPECT_EQ(Winpath("analyze --help").exit_code, 0);
  EXPECT_EQ(Winpath("import --help").exit_code, 0);
  EXPECT_EQ(Winpath("simulate --help").exit_code, 0);
  EXPECT_EQ(Winpath("map check --help").exit_code, 0);
}

TEST_F(CliTest, UnknownFlagIsAUsageError) {
  CliRun r = Winpath("analyze --map x.yaml --events y.ndjson --bogus");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("bogus"), std::string::npos) << r.err;
}

TEST_F(CliTest, MapCheckAcceptsExamples) {
  CliRun r = Winpath("map check " + Example("saas.yaml") + " " + Example("shop.yaml") + " " +
                     Example("services.yaml"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok"), std::string::npos);
}

TEST_F(CliTest, MapCheckReportsLineAndColumn) {
  std::ofstream(dir_ / "bad.yaml") << "name: Bad\n"
                                      "milestones:\n"
                                      "  core:\n"
                                      "    name: Purchase\n"
                                      "    event: purchase\n"
                                      "targets:\n"
                                      "  - from: Trail\n"
                                      "    to: Purchase\n"
                                      "    rate: 25%\n";
  CliRun r = Winpath("map check bad.yaml");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("bad.yaml:7:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Trail"), std::string::npos) << r.err;
}

TEST_F(CliTest, MissingEventsFileNamesThePath) {
  CliRun r = Winpath("analyze --map " + Example("saas.yaml") + " --events nowhere.ndjson");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("nowhere.ndjson"), std::string::npos) << r.err;
}

TEST_F(CliTest, SimulateImportAnalyzeRoundTrip) {
  std::string map = Example("saas.yaml");
  CliRun sim =
      Winpath("simulate --map " + map + " --persons 300 --days 60 --seed 3 --out s.ndjson");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  ASSERT_TRUE(fs::exists(dir_ / "s.ndjson"));
  ASSERT_TRUE(fs::exists(dir_ / "s.ndjson.truth.json"));

  // Same seed, same bytes.
  CliRun sim2 =
      Winpath("simulate --map " + map + " --persons 300 --days 60 --seed 3 --out s2.ndjson");
  ASSERT_EQ(sim2.exit_code, 0) << sim2.err;
  EXPECT_EQ(ReadAll(dir_ / "s.ndjson"), ReadAll(dir_ / "s2.ndjson"));

  // A bad line and a duplicate are counted, kept and never stop the import.
  {
    std::string first_line;
    std::ifstream in(dir_ / "s.ndjson");
    std::getline(in, first_line);
    std::ofstream app(dir_ / "s.ndjson", std::ios::app);
    app << "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u1\",\"timestamp\":\"yesterday\"}\n";
    app << first_line << "\n";
  }
  CliRun imp = Winpath("import s.ndjson --map " + map + " --out s.wpt --rejects rej.ndjson");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  std::string rejects = ReadAll(dir_ / "rej.ndjson");
  EXPECT_NE(rejects.find("yesterday"), std::string::npos) << rejects;

  CliRun raw =
      Winpath("analyze --map " + map + " --events s.ndjson --format json --rejects r2.ndjson");
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  nlohmann::json j = nlohmann::json::parse(raw.out);
  const auto& imp_stats = j["summary"]["import"];
  EXPECT_EQ(imp_stats["read"].get<uint64_t>(), imp_stats["imported"].get<uint64_t>() +
                                                   imp_stats["rejected"].get<uint64_t>() +
                                                   imp_stats["duplicates"].get<uint64_t>());
  EXPECT_EQ(imp_stats["rejected"].get<uint64_t>(), 1u);
  EXPECT_GE(imp_stats["duplicates"].get<uint64_t>(), 1u);
  for (const char* a :
       {"winpaths", "funnel", "paths", "attribution", "transitions", "markov", "shapley",
        "time_to_milestone", "gaps", "drivers", "retention", "flywheel", "lifecycle", "forecast"}) {
    EXPECT_TRUE(j.contains(a)) << a;
  }

  // Analyzing the saved table gives the same answers as parsing the raw file.
  CliRun fast = Winpath("analyze --map " + map + " --events s.wpt --format json");
  ASSERT_EQ(fast.exit_code, 0) << fast.err;
  nlohmann::json k = nlohmann::json::parse(fast.out);
  for (const char* a :
       {"winpaths", "funnel", "paths", "attribution", "transitions", "markov", "shapley",
        "time_to_milestone", "gaps", "drivers", "retention", "flywheel", "lifecycle", "forecast"}) {
    EXPECT_EQ(j[a], k[a]) << a;
  }
  EXPECT_EQ(j["summary"]["events"], k["summary"]["events"]);

  // Tables for people.
  CliRun table = Winpath("analyze --map " + map + " --events s.wpt");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Buy"), std::string::npos);
}

TEST_F(CliTest, TableFileBuiltWithAnotherMapIsRefused) {
  CliRun sim = Winpath("simulate --map " + Example("saas.yaml") +
                       " --persons 50 --days 30 --seed 1 --out s.ndjson");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  ASSERT_EQ(Winpath("import s.ndjson --map " + Example("saas.yaml") + " --out s.wpt").exit_code, 0);
  CliRun r = Winpath("analyze --map " + Example("shop.yaml") + " --events s.wpt");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("re-import"), std::string::npos) << r.err;
}

TEST_F(CliTest, EmptyEventsFileGivesEmptyAnalysisNotACrash) {
  std::ofstream(dir_ / "empty.ndjson") << "";
  CliRun r =
      Winpath("analyze --map " + Example("saas.yaml") + " --events empty.ndjson --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["events"].get<uint64_t>(), 0u);
  ASSERT_EQ(j["summary"]["import"]["notes"].size(), 1u);
  EXPECT_NE(j["summary"]["import"]["notes"][0].get<std::string>().find("empty"), std::string::npos);
}

TEST_F(CliTest, CsvSimulationImports) {
  CliRun sim = Winpath("simulate --map " + Example("shop.yaml") +
                       " --persons 100 --days 30 --seed 5 --out s.csv");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  CliRun r = Winpath("analyze --map " + Example("shop.yaml") + " --events s.csv --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["summary"]["events"].get<uint64_t>(), 100u);
  EXPECT_EQ(j["summary"]["import"]["rejected"].get<uint64_t>(), 0u);
}

TEST_F(CliTest, StrictImportWritesNoTableWhenRowsAreRejected) {
  std::ofstream(dir_ / "e.ndjson") << "{\"type\":\"page\",\"anonymousId\":\"a1\",\"messageId\":"
                                      "\"m1\",\"timestamp\":\"2026-02-01T00:00:00Z\"}\n"
                                   << "{\"type\":\"track\",\"userId\":\"u1\",\"messageId\":\"m2\","
                                      "\"timestamp\":\"not a time\",\"event\":\"purchase\"}\n";
  CliRun r = Winpath("import e.ndjson --map " + Example("saas.yaml") +
                     " --out e.wpt --rejects rej.ndjson --strict");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "e.wpt"));
  EXPECT_NE(r.out.find("read 2 = imported 1 + rejected 1 + duplicates 0"), std::string::npos)
      << r.out;
  std::string rejects = ReadAll(dir_ / "rej.ndjson");
  EXPECT_NE(rejects.find("\"line\":2"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("not a time"), std::string::npos) << rejects;
  // Without --strict the same import succeeds and keeps the table.
  EXPECT_EQ(Winpath("import e.ndjson --map " + Example("saas.yaml") + " --out e.wpt").exit_code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "e.wpt"));
}

TEST_F(CliTest, CsvColumnsRenameTheColumnsTheImporterReads) {
  std::ofstream(dir_ / "c.csv") << "customer,action,ts,kind\n"
                                   "u1,trial_started,2026-02-01T10:00:00Z,track\n"
                                   "u1,subscription_started,2026-02-03T10:00:00Z,track\n";
  CliRun bad = Winpath("analyze --map " + Example("saas.yaml") + " --events c.csv --format json");
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  EXPECT_NE(bad.err.find("--csv-columns"), std::string::npos) << bad.err;
  CliRun r = Winpath("analyze --map " + Example("saas.yaml") +
                     " --events c.csv --format json --analysis funnel --steps Trial,Subscription"
                     " --csv-columns user_id=customer,event=action,timestamp=ts,type=kind");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["events"].get<uint64_t>(), 2u);
  EXPECT_EQ(j["summary"]["persons"].get<uint64_t>(), 1u);
}

TEST_F(CliTest, FromAndToRestrictTheAnalyses) {
  ASSERT_EQ(Winpath("simulate --map " + Example("saas.yaml") +
                    " --persons 400 --days 60 --seed 2 --out s.ndjson")
                .exit_code,
            0);
  CliRun all = Winpath("analyze --map " + Example("saas.yaml") +
                       " --events s.ndjson --format json --analysis winpaths,funnel");
  CliRun part = Winpath("analyze --map " + Example("saas.yaml") +
                        " --events s.ndjson --format json --analysis winpaths,funnel"
                        " --from 2026-01-10 --to 2026-01-20");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  ASSERT_EQ(part.exit_code, 0) << part.err;
  nlohmann::json a = nlohmann::json::parse(all.out), p = nlohmann::json::parse(part.out);
  EXPECT_EQ(p["funnel"]["data_end"], "2026-01-20T00:00:00Z");
  EXPECT_LT(p["winpaths"]["persons"].get<uint64_t>(), a["winpaths"]["persons"].get<uint64_t>());
  EXPECT_GT(p["winpaths"]["persons"].get<uint64_t>(), 0u);
  CliRun reversed = Winpath("analyze --map " + Example("saas.yaml") +
                            " --events s.ndjson --from 2026-01-20 --to 2026-01-10");
  EXPECT_EQ(reversed.exit_code, 3);
  EXPECT_NE(reversed.err.find("--from"), std::string::npos) << reversed.err;
}

TEST_F(CliTest, MaxFutureDecidesWhatIsTooFarAhead) {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(48);
  long long ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::ofstream(dir_ / "f.ndjson")
      << "{\"type\":\"page\",\"anonymousId\":\"a1\",\"timestamp\":" << ms << "}\n";
  CliRun strict =
      Winpath("analyze --map " + Example("saas.yaml") + " --events f.ndjson --format json");
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  EXPECT_EQ(nlohmann::json::parse(strict.out)["summary"]["import"]["rejected"].get<uint64_t>(), 1u);
  CliRun loose = Winpath("analyze --map " + Example("saas.yaml") +
                         " --events f.ndjson --format json --max-future 3d");
  ASSERT_EQ(loose.exit_code, 0) << loose.err;
  EXPECT_EQ(nlohmann::json::parse(loose.out)["summary"]["import"]["rejected"].get<uint64_t>(), 0u);
}

TEST_F(CliTest, InvalidUtf8InAFlagNeverCrashes) {
  ASSERT_EQ(Winpath("simulate --map " + Example("saas.yaml") +
                    " --persons 50 --days 20 --seed 2 --out s.ndjson")
                .exit_code,
            0);
  CliRun r = Winpath("analyze --map " + Example("saas.yaml") +
                     " --events s.ndjson --format json --analysis funnel --exclude '\xff'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NO_THROW(nlohmann::json::parse(r.out));
}

TEST_F(CliTest, MapThatIsNotUtf8IsRefusedWithItsPosition) {
  std::ofstream(dir_ / "u.yaml") << "name: T\xff\xfe\nmilestones:\n  core: {name: P, event: p}\n";
  CliRun r = Winpath("map check u.yaml");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("u.yaml:1:8:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("UTF-8"), std::string::npos) << r.err;
}

TEST_F(CliTest, MapWithOneMilestoneStillAnalyzes) {
  std::ofstream(dir_ / "one.yaml")
      << "name: One\nmilestones:\n  core: {name: Purchase, event: purchase}\n";
  std::ofstream(dir_ / "e.ndjson")
      << "{\"type\":\"page\",\"anonymousId\":\"a1\",\"timestamp\":\"2026-02-01T00:00:00Z\"}\n"
      << "{\"type\":\"track\",\"anonymousId\":\"a1\",\"event\":\"purchase\",\"timestamp\":\"2026-"
         "02-01T00:05:00Z\"}\n";
  CliRun r = Winpath("analyze --map one.yaml --events e.ndjson --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["funnel"].contains("skipped"));
  EXPECT_TRUE(j["transitions"].contains("skipped"));
  EXPECT_TRUE(j["time_to_milestone"].contains("skipped"));
  EXPECT_TRUE(j.contains("winpaths"));
  // Asking for the funnel or the transitions explicitly still explains why they cannot run.
  for (const char* a : {"funnel", "transitions"}) {
    CliRun f = Winpath("analyze --map one.yaml --events e.ndjson --analysis " + std::string(a));
    EXPECT_EQ(f.exit_code, 3) << a;
    EXPECT_NE(f.err.find("2 steps"), std::string::npos) << f.err;
  }
}

TEST_F(CliTest, AttributeReadsAChannelAttributionJourneyTable) {
  std::ofstream(dir_ / "paths.csv")
      << "path,total_conversions,total_conversion_value,total_null\n"
      << "direct,2,20,1\nsearch > email,3,30,2\n\"search > social > email\",5,50,4\n";
  CliRun r = Winpath("attribute --journeys paths.csv --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::map<std::string, double> removal;
  for (const auto& c : j["markov"]["channels"]) {
    removal[c["channel"].get<std::string>()] = c["removal_effect"].get<double>();
  }
  EXPECT_NEAR(removal["direct"], 1.0 / 5, 1e-12);
  EXPECT_NEAR(removal["search"], 4.0 / 5, 1e-12);
  EXPECT_NEAR(removal["email"], 4.0 / 5, 1e-12);
  EXPECT_NEAR(removal["social"], 18.0 / 35, 1e-12);
  double shapley = 0;
  for (const auto& c : j["shapley"]["channels"]) shapley += c["conversions"].get<double>();
  EXPECT_NEAR(shapley, 10, 1e-9);
  // People get tables.
  CliRun t = Winpath("attribute --journeys paths.csv --models markov --order 2");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("order 2"), std::string::npos) << t.out;
}

TEST_F(CliTest, AttributeNamesTheBadCellOfAJourneyTable) {
  std::ofstream(dir_ / "bad.csv") << "path,total_conversions\na > b,3\nb > c,-2\n";
  CliRun r = Winpath("attribute --journeys bad.csv");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("bad.csv:3:total_conversions"), std::string::npos) << r.err;
  std::ofstream(dir_ / "none.csv") << "path,total_conversions,total_null\na > b,0,4\n";
  CliRun none = Winpath("attribute --journeys none.csv --models markov");
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.err.find("too few conversions"), std::string::npos) << none.err;
  CliRun bad_model = Winpath("attribute --journeys none.csv --models markow");
  EXPECT_EQ(bad_model.exit_code, 3);
  EXPECT_NE(bad_model.err.find("markow"), std::string::npos) << bad_model.err;
}

}  // namespace
