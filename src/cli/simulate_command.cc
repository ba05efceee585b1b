#include "cli/simulate_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/exit_code.h"
#include "model/journey_map_loader.h"
#include "report/text_table.h"
#include "sim/simulator.h"

namespace winpath::cli {
namespace {

Result<SimulationOptions> MakeOptions(const SimulateOptionsCli& o) {
  SimulationOptions s;
  if (o.days < 1)
    return Status::InvalidArgument("--days: expected at least 1, got " + std::to_string(o.days));
  s.persons = o.persons;
  s.days = o.days;
  s.seed = o.seed;
  auto start = ParseTimestamp(o.start);
  if (!start.ok()) return start.status().WithPrefix("--start");
  s.start = *start;
  std::string format = o.format;
  if (format.empty()) {
    format = std::filesystem::path(o.out_path).extension() == ".csv" ? "csv" : "ndjson";
  }
  s.format = format == "csv" ? SimOutputFormat::kCsv : SimOutputFormat::kNdjson;
  return s;
}

}  // namespace

int RunSimulate(const SimulateOptionsCli& o) {
  auto map = LoadJourneyMapFile(o.map_path);
  if (!map.ok()) return ReportError(map.status());
  auto options = MakeOptions(o);
  if (!options.ok()) return ReportError(options.status());
  std::ofstream out(o.out_path, std::ios::binary | std::ios::trunc);
  if (!out) return ReportError(Status::IoError("cannot write " + o.out_path));
  std::string truth_path = o.truth_path.empty() ? o.out_path + ".truth.json" : o.truth_path;
  std::ofstream truth(truth_path, std::ios::binary | std::ios::trunc);
  if (!truth) return ReportError(Status::IoError("cannot write " + truth_path));
  auto start = std::chrono::steady_clock::now();
  auto stats = Simulate(*map, *options, out, &truth);
  if (!stats.ok()) return ReportError(stats.status());
  out.close();
  truth.close();
  if (!out || !truth) return ReportError(Status::IoError("writing " + o.out_path + " failed"));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %s: %s messages for %s persons (%s referred) in %.1f s\n", o.out_path.c_str(),
              FormatCount(static_cast<double>(stats->events)).c_str(),
              FormatCount(static_cast<double>(stats->persons)).c_str(),
              FormatCount(static_cast<double>(stats->referred_persons)).c_str(), secs);
  std::printf("wrote %s: planted channel effects and ground truth\n", truth_path.c_str());
  for (const std::string& w : stats->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  TimeMs end = options->start + static_cast<TimeMs>(options->days) * kMsPerDay;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  TimeMs now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  if (end > now_ms + kMsPerDay) {
    TimeMs start = now_ms - static_cast<TimeMs>(options->days) * kMsPerDay;
    std::string advice =
        start >= kMinPlausibleTime
            ? "Pass an earlier --start (e.g. --start " + FormatTimestamp(start).substr(0, 10) +
                  ") to simulate the past."
            : "Fewer --days fit between 1971 and now; import rejects times before 1971 too.";
    std::fprintf(stderr,
                 "warning: the simulated days run until %s, after now; import rejects events "
                 "more than --max-future (1d) ahead as timestamp_in_future. %s\n",
                 FormatTimestamp(end).c_str(), advice.c_str());
  }
  return kExitOk;
}

}  // namespace winpath::cli
