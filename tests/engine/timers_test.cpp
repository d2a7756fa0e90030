// Timers in the log: a timer whose own command moves its case out of the timer's state is fired,
// not also cancelled (issue 14, item 2): the batch records TimerFired alone and history says so.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::occurrences;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

namespace {

constexpr const char* kFlow = R"(workflow loans "Timers that move their case" {
  participants member
  staff staff
  case loan {
    party member: member
    state lent initial, overdue, returned final
    command borrow by member
    command expire by system from lent to overdue
    command give_back by member from lent, overdue to returned
    timer due after 2weeks in lent do expire
    timer nudge after 1week in lent remind member "the book is due next week"
  }
}
)";

// An edition of the workflow above in a fresh store, with one book lent to anna on 10 January.
struct Loans {
  TempDir dir;
  std::string store = (dir / "store").string();

  Loans() {
    std::ofstream(dir / "loans.flow") << kFlow;
    std::ofstream(dir / "loans.rules") << "rules for loans edition \"1\" {\n  zone Europe/Rome\n}\n";
    cli({"publish", (dir / "loans.flow").string(), "--rules", (dir / "loans.rules").string(), "--edition", "l",
         "--now", "2025-01-10 10:00 Europe/Rome"});
    cli({"exec", "--as", "member:anna", "--now", "2025-01-10 10:00 Europe/Rome", "l/loan/anna", "borrow"});
  }
  std::string cli(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--store", store});
    auto r = run_cli(args);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  }
};

}  // namespace

TEST_CASE("a timer whose command leaves the timer's state is fired, not cancelled", "[engine][cli]") {
  Loans loans;
  loans.cli({"tick", "--now", "2025-01-20 10:00 Europe/Rome"});  // the reminder, not yet the due date
  loans.cli({"tick", "--now", "2025-02-01 10:00 Europe/Rome"});  // the due date: expire, lent -> overdue

  const std::string history = loans.cli({"history", "l/loan/anna"});
  INFO(history);
  CHECK(occurrences(history, "timer due fired") == 1);
  CHECK(occurrences(history, "timer due cancelled") == 0);
  CHECK(occurrences(history, "timer nudge fired") == 1);
  CHECK(occurrences(history, "timer nudge cancelled") == 0);

  const std::string log = loans.cli({"export"});
  CHECK(occurrences(log, "\"TimerFired\"") == 2);
  CHECK(occurrences(log, "\"TimerCancelled\"") == 0);
  CHECK(loans.cli({"tick", "--now", "2025-03-01 10:00 Europe/Rome"}).find("0 timers fired") != std::string::npos);
}

TEST_CASE("a pending timer of the state a command leaves is still cancelled", "[engine][cli]") {
  Loans loans;
  loans.cli({"tick", "--now", "2025-01-20 10:00 Europe/Rome"});  // the reminder fires
  // Given back before the due date: leaving `lent` cancels the pending due timer.
  loans.cli({"exec", "--as", "member:anna", "--now", "2025-01-21 10:00 Europe/Rome", "l/loan/anna", "give_back"});

  const std::string history = loans.cli({"history", "l/loan/anna"});
  INFO(history);
  CHECK(occurrences(history, "timer due cancelled") == 1);
  CHECK(occurrences(history, "timer due fired") == 0);
}
