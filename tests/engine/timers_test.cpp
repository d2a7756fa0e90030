// Timers in the log: a timer whose own command moves its case out of the timer's state is fired,
// not also cancelled (issue 14, item 2): the batch records TimerFired alone and history says so.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::occurrences;

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
struct Loans : CliStore {
  Loans() : CliStore("2025-01-10 10:00 Europe/Rome") {
    publish("loans", kFlow, "rules for loans edition \"1\" {\n  zone Europe/Rome\n}\n", "l");
    run({"exec", "--as", "member:anna", "--now", "2025-01-10 10:00 Europe/Rome", "l/loan/anna", "borrow"});
  }
  // A call the test means to succeed: its output.
  std::string run(std::vector<std::string> args) const { return ok(cli(std::move(args))).out; }
};

}  // namespace

TEST_CASE("a timer whose command leaves the timer's state is fired, not cancelled", "[engine][cli]") {
  Loans loans;
  loans.run({"tick", "--now", "2025-01-20 10:00 Europe/Rome"});  // the reminder, not yet the due date
  loans.run({"tick", "--now", "2025-02-01 10:00 Europe/Rome"});  // the due date: expire, lent -> overdue

  const std::string history = loans.run({"history", "l/loan/anna"});
  INFO(history);
  CHECK(occurrences(history, "timer due fired") == 1);
  CHECK(occurrences(history, "timer due cancelled") == 0);
  CHECK(occurrences(history, "timer nudge fired") == 1);
  CHECK(occurrences(history, "timer nudge cancelled") == 0);

  const std::string log = loans.run({"export"});
  CHECK(occurrences(log, "\"TimerFired\"") == 2);
  CHECK(occurrences(log, "\"TimerCancelled\"") == 0);
  CHECK(loans.run({"tick", "--now", "2025-03-01 10:00 Europe/Rome"}).find("0 timers fired") != std::string::npos);
}

TEST_CASE("a pending timer of the state a command leaves is still cancelled", "[engine][cli]") {
  Loans loans;
  loans.run({"tick", "--now", "2025-01-20 10:00 Europe/Rome"});  // the reminder fires
  // Given back before the due date: leaving `lent` cancels the pending due timer.
  loans.run({"exec", "--as", "member:anna", "--now", "2025-01-21 10:00 Europe/Rome", "l/loan/anna", "give_back"});

  const std::string history = loans.run({"history", "l/loan/anna"});
  INFO(history);
  CHECK(occurrences(history, "timer due cancelled") == 1);
  CHECK(occurrences(history, "timer due fired") == 0);
}
