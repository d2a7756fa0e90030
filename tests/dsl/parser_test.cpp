// The parser (dsl/parse/parser.hpp): every construct of docs/LANGUAGE.md parsed and inspected, every
// syntax error's exact message, and the golden cases under tests/golden/syntax/.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "dsl/parse/parser.hpp"
#include "dsl/parse/parser_tokens.hpp"
#include "tests/support/run_cli.hpp"

namespace ast = mentorflow::dsl::ast;
namespace x3 = boost::spirit::x3;
using mentorflow::dsl::Diagnostics;
using mentorflow::dsl::SourceFile;

namespace {

// ---- helpers -------------------------------------------------------------------------------------
struct Parsed {
  std::optional<mentorflow::dsl::ParsedFile> file;
  std::string errors;  // rendered diagnostics and summary, as `mentorflow check` prints them
};

Parsed parse(const std::string& path, const std::string& text) {
  SourceFile source(path, text);
  Diagnostics diagnostics;
  Parsed p;
  p.file = mentorflow::dsl::parse_file(source, diagnostics);
  p.errors = render(diagnostics) + summary_line(diagnostics);
  return p;
}

ast::Workflow workflow(const std::string& text) {
  Parsed p = parse("test.flow", text);
  INFO(p.errors);
  REQUIRE(p.file);
  REQUIRE(std::holds_alternative<ast::Workflow>(*p.file));
  return std::get<ast::Workflow>(std::move(*p.file));
}

ast::RulesFile rules(const std::string& text) {
  Parsed p = parse("test.rules", text);
  INFO(p.errors);
  REQUIRE(p.file);
  REQUIRE(std::holds_alternative<ast::RulesFile>(*p.file));
  return std::get<ast::RulesFile>(std::move(*p.file));
}

// The errors a workflow with `body` inside one case reports.
std::string case_errors(const std::string& body) {
  Parsed p = parse("test.flow", fmt::format("workflow w \"W\" {{\n  case c {{\n{}\n  }}\n}}\n", body));
  CHECK_FALSE(p.file);
  return p.errors;
}

std::string rules_errors(const std::string& body) {
  Parsed p = parse("test.rules", fmt::format("rules for w edition \"1\" {{\n{}\n}}\n", body));
  CHECK_FALSE(p.file);
  return p.errors;
}

std::string text_of(const std::string& source, ast::Span span) { return source.substr(span.begin, span.end - span.begin); }

// An expression as a fully parenthesised prefix form; each level folds left as the checker does.
// Parentheses leave no trace of their own: `(a + b) * c` shows as (* (+ a b) c).
std::string show(const ast::Expression& e);

const char* op_name(ast::Op op) {
  switch (op) {
    case ast::Op::Or: return "or";
    case ast::Op::And: return "and";
    case ast::Op::Eq: return "==";
    case ast::Op::Ne: return "!=";
    case ast::Op::Lt: return "<";
    case ast::Op::Le: return "<=";
    case ast::Op::Gt: return ">";
    case ast::Op::Ge: return ">=";
    case ast::Op::In: return "in";
    case ast::Op::NotIn: return "not-in";
    case ast::Op::Range: return "..";
    case ast::Op::Coalesce: return "??";
    case ast::Op::Add: return "+";
    case ast::Op::Sub: return "-";
    case ast::Op::Mul: return "*";
    case ast::Op::Div: return "/";
    case ast::Op::Mod: return "%";
    case ast::Op::Not: return "not";
    case ast::Op::Neg: return "neg";
  }
  return "?";
}

struct Show {
  using result_type = std::string;
  std::string operator()(const ast::IntLit& v) const { return std::to_string(v.value); }
  std::string operator()(const ast::NumberLit& v) const { return fmt::format("{}", v.value); }
  std::string operator()(const ast::TextLit& v) const { return fmt::format("\"{}\"", v.value); }
  std::string operator()(const ast::BoolLit& v) const { return v.value ? "true" : "false"; }
  std::string operator()(const ast::DurationLit& v) const { return std::to_string(v.amount) + v.unit; }
  std::string operator()(const ast::DateLit& v) const { return fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day); }
  std::string operator()(const ast::DateTimeLit& v) const {
    return fmt::format("{}T{:02}:{:02}[{}]", (*this)(v.date), v.hour, v.minute, v.zone);
  }
  std::string operator()(const ast::CefrLit& v) const { return fmt::format("cefr:{}", v.level); }
  std::string operator()(const ast::Path& v) const {
    std::string out = v.head.name;
    for (const auto& m : v.members) out += fmt::format(".{}", m.name);
    return out;
  }
  std::string operator()(const ast::Call& v) const {
    std::string out = fmt::format("(call {}", v.callee.name);
    for (const auto& a : v.args) out += fmt::format(" {}", show(a));
    return out + ")";
  }
  std::string operator()(const ast::Unary& v) const {
    return fmt::format("({} {})", op_name(v.op), v.operand.apply_visitor(*this));
  }
  std::string operator()(const ast::ListLit& v) const {
    std::string out = "[";
    for (const auto& i : v.items) out += fmt::format("{}{}", out.size() > 1 ? " " : "", show(i));
    return out + "]";
  }
  std::string operator()(const ast::IfExpr& v) const {
    return fmt::format("(if {} {} {})", show(v.condition), show(v.then_branch), show(v.else_branch));
  }
  std::string operator()(const ast::Expression& v) const { return show(v); }
  template <typename T>
  std::string operator()(const x3::forward_ast<T>& v) const {
    return (*this)(v.get());
  }
};

std::string show(const ast::Expression& e) {
  std::string out = e.first.apply_visitor(Show{});
  for (const ast::Operation& op : e.rest) out = fmt::format("({} {} {})", op_name(op.op), out, op.rhs.apply_visitor(Show{}));
  return out;
}

// The expression of `let v = TEXT` in a rules file.
std::string expr(const std::string& text) {
  ast::RulesFile r = rules(fmt::format("rules for w edition \"1\" {{\n  let v = {}\n}}\n", text));
  REQUIRE(r.items.size() == 1);
  return show(boost::get<ast::LetDecl>(r.items[0]).value);
}

std::string expr_error(const std::string& text) { return rules_errors(fmt::format("  let v = {}", text)); }

template <typename T>
const T& item(const ast::CaseDecl& c, std::size_t i) {
  REQUIRE(i < c.items.size());
  return boost::get<T>(c.items[i]);
}

template <typename T>
const T& clause(const ast::CommandDecl& c, std::size_t i) {
  REQUIRE(i < c.clauses.size());
  return boost::get<T>(c.clauses[i]);
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

// ---- expressions ---------------------------------------------------------------------------------
TEST_CASE("expression precedence follows docs/LANGUAGE.md, loosest to tightest", "[dsl]") {
  CHECK(expr("a or b and not c == d") == "(or a (and b (not (== c d))))");
  CHECK(expr("a and b or c") == "(or (and a b) c)");
  CHECK(expr("x in 2..5") == "(in x (.. 2 5))");
  CHECK(expr("a ?? b + c") == "(?? a (+ b c))");
  CHECK(expr("a + b .. c ?? d") == "(.. (+ a b) (?? c d))");
  CHECK(expr("1 + 2 * 3 - 4 % 5 / 6") == "(- (+ 1 (* 2 3)) (/ (% 4 5) 6))");
  CHECK(expr("-a.b * -2") == "(* (neg a.b) (neg 2))");
  CHECK(expr("(1 + 2) * 3") == "(* (+ 1 2) 3)");
  CHECK(expr("1 + (2 * 3)") == "(+ 1 (* 2 3))");
  CHECK(expr("((a))") == "a");
  CHECK(expr("not not a") == "(not (not a))");
  CHECK(expr("a not in [b, c]") == "(not-in a [b c])");
  CHECK(expr("a != b") == "(!= a b)");
  CHECK(expr("a <= b") == "(<= a b)");
  CHECK(expr("a >= b") == "(>= a b)");
  CHECK(expr("a < b") == "(< a b)");
  CHECK(expr("a > b") == "(> a b)");
  CHECK(expr("phone ?? \"none\"") == "(?? phone \"none\")");
  CHECK(expr("if a > 1 then f(a, b) else [] ") == "(if (> a 1) (call f a b) [])");
  CHECK(expr("count(meetings) >= min(6, max(a, b))") == "(>= (call count meetings) (call min 6 (call max a b)))");
  CHECK(expr("days_between(now, this.submitted_at)") == "(call days_between now this.submitted_at)");
  CHECK(expr("f()") == "(call f)");
  CHECK(expr("2021-10-07 - 2021-10-01") == "(- 2021-10-07 2021-10-01)");
  CHECK(expr("2021 - 10") == "(- 2021 10)");
}

TEST_CASE("one level's operators share one Expression, lower levels nest as operands", "[dsl]") {
  ast::RulesFile r = rules("rules for w edition \"1\" { let v = a + b * c - d }");
  const ast::Expression& e = boost::get<ast::LetDecl>(r.items[0]).value;
  REQUIRE(e.rest.size() == 2);
  CHECK(e.rest[0].op == ast::Op::Add);
  CHECK(e.rest[1].op == ast::Op::Sub);
  CHECK(boost::get<x3::forward_ast<ast::Path>>(e.first).get().head.name == "a");
  const ast::Expression& product = boost::get<x3::forward_ast<ast::Expression>>(e.rest[0].rhs).get();
  REQUIRE(product.rest.size() == 1);
  CHECK(product.rest[0].op == ast::Op::Mul);

  // A lone operand is an Expression with no operators only at the root.
  ast::RulesFile lone = rules("rules for w edition \"1\" { let v = 6 }");
  const ast::Expression& six = boost::get<ast::LetDecl>(lone.items[0]).value;
  CHECK(six.rest.empty());
  CHECK(boost::get<ast::IntLit>(six.first).value == 6);
}

TEST_CASE("literals: integers, numbers, texts, booleans, durations, dates, date-times, CEFR levels", "[dsl]") {
  CHECK(expr("6") == "6");
  CHECK(expr("1.5") == "1.5");
  CHECK(expr("6..8") == "(.. 6 8)");
  CHECK(expr("\"say \\\"hi\\\"\\n\\\\\"") == "\"say \"hi\"\n\\\"");
  CHECK(expr("\"Milano – città\"") == "\"Milano – città\"");
  CHECK(expr("true and false") == "(and true false)");
  CHECK(expr("[90min, 2h, 10d, 1day, 10days, 1w, 1week, 3weeks]") == "[90min 2h 10d 1day 10days 1w 1week 3weeks]");
  CHECK(expr("3weeks..4weeks") == "(.. 3weeks 4weeks)");
  CHECK(expr("2025-09-01") == "2025-09-01");
  CHECK(expr("2021-10-07 12:30 Europe/Rome") == "2021-10-07T12:30[Europe/Rome]");
  CHECK(expr("2025-09-01 8:05 UTC") == "2025-09-01T08:05[UTC]");
  CHECK(expr("2025-09-01 18:00 America/Argentina/Buenos_Aires") == "2025-09-01T18:00[America/Argentina/Buenos_Aires]");
  CHECK(expr("[A1, A2, B1, B2, C1, C2]") == "[cefr:A1 cefr:A2 cefr:B1 cefr:B2 cefr:C1 cefr:C2]");
  CHECK(expr("B1x") == "B1x");  // a name that starts like a level
  CHECK(expr("9223372036854775807") == "9223372036854775807");
  CHECK(expr("index + initials + notes + order") == "(+ (+ (+ index initials) notes) order)");  // keywords as prefixes
}

TEST_CASE("a comment runs to the end of the line, anywhere whitespace may", "[dsl]") {
  CHECK(expr("1 + # one\n  2 # two") == "(+ 1 2)");
}

TEST_CASE("Windows line ends and a byte order mark are fine", "[dsl]") {
  const ast::RulesFile r = rules("\xEF\xBB\xBFrules for w edition \"1\" {\r\n  # a comment\r\n  let v = 1 +\r\n 2\r\n}\r\n");
  CHECK(show(boost::get<ast::LetDecl>(r.items[0]).value) == "(+ 1 2)");
  CHECK(r.span.begin == 3);
  CHECK(parse("x.rules", "\xEF\xBB\xBFrules for w edition \"1\" {\r\n  let v =\r\n}\r\n").errors ==
        "x.rules:2:10: error: expected a value after '='\n"
        " 2 |   let v =\n"
        "   |          ^\n"
        "1 error");
}

TEST_CASE("spans are byte offsets of the node's own text", "[dsl]") {
  const std::string src = "rules for w edition \"1\" {\n  let v = a.b + f(2, \"x\") * 3\n}\n";
  ast::RulesFile r = rules(src);
  const auto& let = boost::get<ast::LetDecl>(r.items[0]);
  CHECK(text_of(src, r.span) == src.substr(0, src.size() - 1));
  CHECK(text_of(src, r.workflow.span) == "w");
  CHECK(text_of(src, r.edition.span) == "\"1\"");
  CHECK(text_of(src, let.span) == "let v = a.b + f(2, \"x\") * 3");
  CHECK(text_of(src, let.name.span) == "v");
  const ast::Expression& sum = let.value;
  CHECK(text_of(src, sum.span) == "a.b + f(2, \"x\") * 3");
  const ast::Path& path = boost::get<x3::forward_ast<ast::Path>>(sum.first).get();
  CHECK(text_of(src, path.span) == "a.b");
  CHECK(text_of(src, path.members[0].span) == "b");
  CHECK(text_of(src, sum.rest[0].span) == "+ f(2, \"x\") * 3");
  const ast::Expression& product = boost::get<x3::forward_ast<ast::Expression>>(sum.rest[0].rhs).get();
  CHECK(text_of(src, product.span) == "f(2, \"x\") * 3");
  const ast::Call& call = boost::get<x3::forward_ast<ast::Call>>(product.first).get();
  CHECK(text_of(src, call.span) == "f(2, \"x\")");
  CHECK(text_of(src, call.callee.span) == "f");
  CHECK(text_of(src, call.args[1].span) == "\"x\"");
  CHECK(text_of(src, boost::get<ast::TextLit>(call.args[1].first).span) == "\"x\"");
}

TEST_CASE("literal values and spans: date-time, duration, number", "[dsl]") {
  const std::string src = "rules for w edition \"1\" { set d = 2021-10-07 12:30 Europe/Rome\n let n = 1.25 let h = 90min }";
  ast::RulesFile r = rules(src);
  const auto& dt = boost::get<ast::DateTimeLit>(boost::get<ast::SetDecl>(r.items[0]).value.first);
  CHECK(text_of(src, dt.span) == "2021-10-07 12:30 Europe/Rome");
  CHECK(text_of(src, dt.date.span) == "2021-10-07");
  CHECK(dt.date.year == 2021);
  CHECK(dt.date.month == 10);
  CHECK(dt.date.day == 7);
  CHECK(dt.hour == 12);
  CHECK(dt.minute == 30);
  CHECK(dt.zone == "Europe/Rome");
  CHECK(boost::get<ast::NumberLit>(boost::get<ast::LetDecl>(r.items[1]).value.first).value == 1.25);
  const auto& h = boost::get<ast::DurationLit>(boost::get<ast::LetDecl>(r.items[2]).value.first);
  CHECK(h.amount == 90);
  CHECK(h.unit == "min");
  CHECK(text_of(src, h.span) == "90min");
}

// ---- workflow declarations -----------------------------------------------------------------------
TEST_CASE("workflow: roles, parameters, enums, rules", "[dsl]") {
  const std::string src = R"(workflow mie "Mentoring for International Experience" {
  participants student, mentor
  staff staff
  auditors auditor
  param meetings: int = 6
  param deadline: datetime
  enum degree { bachelor, master }
  rule eligible(a: application): bool
  rule senior(a: application, years: int) = a.year >= years
  rule always() = true
}
)";
  ast::Workflow w = workflow(src);
  CHECK(w.name.name == "mie");
  CHECK(w.title.first.value == "Mentoring for International Experience");
  REQUIRE(w.items.size() == 9);

  const auto& participants = boost::get<ast::RolesDecl>(w.items[0]);
  CHECK(participants.kind == "participants");
  REQUIRE(participants.roles.size() == 2);
  CHECK(participants.roles[1].name.name == "mentor");
  CHECK(text_of(src, participants.span) == "participants student, mentor");
  CHECK(boost::get<ast::RolesDecl>(w.items[1]).kind == "staff");
  CHECK(boost::get<ast::RolesDecl>(w.items[1]).roles[0].name.name == "staff");
  CHECK(boost::get<ast::RolesDecl>(w.items[2]).kind == "auditors");

  const auto& meetings = boost::get<ast::ParamDecl>(w.items[3]);
  CHECK(meetings.name.name == "meetings");
  CHECK(meetings.type.base.name == "int");
  REQUIRE(meetings.default_value);
  CHECK(show(*meetings.default_value) == "6");
  CHECK_FALSE(boost::get<ast::ParamDecl>(w.items[4]).default_value);

  const auto& degree = boost::get<ast::EnumDecl>(w.items[5]);
  CHECK(degree.name.name == "degree");
  REQUIRE(degree.values.size() == 2);
  CHECK(degree.values[1].name.name == "master");

  const auto& eligible = boost::get<ast::RuleDecl>(w.items[6]);
  CHECK(eligible.name.name == "eligible");
  REQUIRE(eligible.params.size() == 1);
  CHECK(eligible.params[0].name.name == "a");
  CHECK(eligible.params[0].type.base.name == "application");
  REQUIRE(eligible.result);
  CHECK(eligible.result->base.name == "bool");
  CHECK_FALSE(eligible.body);

  const auto& senior = boost::get<ast::RuleDecl>(w.items[7]);
  CHECK(senior.params.size() == 2);
  CHECK_FALSE(senior.result);
  REQUIRE(senior.body);
  CHECK(show(*senior.body) == "(>= a.year years)");
  CHECK(boost::get<ast::RuleDecl>(w.items[8]).params.empty());
}

TEST_CASE("types: names, inline enums and modifiers outermost first", "[dsl]") {
  const std::string src = R"(workflow w "W" {
  case c {
    field a: int
    field b: enum(bachelor, master)
    field c: optional list of text
    field d: set of ref mentor_application
    field e: optional enum(x)
  }
}
)";
  ast::Workflow w = workflow(src);
  const auto& c = boost::get<ast::CaseDecl>(w.items[0]);
  CHECK(item<ast::FieldDecl>(c, 0).type.modifiers.empty());
  const ast::TypeRef& b = item<ast::FieldDecl>(c, 1).type;
  CHECK(b.base.name == "enum");
  CHECK(text_of(src, b.base.span) == "enum");
  REQUIRE(b.enum_values.size() == 2);
  CHECK(b.enum_values[0].name == "bachelor");
  CHECK(text_of(src, b.span) == "enum(bachelor, master)");
  const ast::TypeRef& tc = item<ast::FieldDecl>(c, 2).type;
  CHECK(tc.modifiers == std::vector<std::string>{"optional", "list"});
  CHECK(tc.base.name == "text");
  CHECK(text_of(src, tc.span) == "optional list of text");
  CHECK(item<ast::FieldDecl>(c, 3).type.modifiers == std::vector<std::string>{"set", "ref"});
  CHECK(item<ast::FieldDecl>(c, 3).type.base.name == "mentor_application");
  CHECK(item<ast::FieldDecl>(c, 4).type.modifiers == std::vector<std::string>{"optional"});
  CHECK(item<ast::FieldDecl>(c, 4).type.enum_values.size() == 1);
}

TEST_CASE("decision tables: cells, outputs and every hit policy", "[dsl]") {
  const std::string src = R"(rules for mie edition "2021" {
  table credits(degree: degree, meetings: int): int first {
    bachelor, >= 6      => 3
    master,   in 6..8   => 6
    -,        not in [1, 2] => 1
    -,        6..8      => -1
    -,        -         => 0
    -,        < 6       => (a < b)
  }
  table a(x: int): int unique { 1 => 1 }
  table b(x: int): int collect { - => 1 }
  table c(x: int): int collect sum { - => 1 }
  table d(x: int): int collect   min { - => 1 }
  table e(x: int): int collect max { - => 1 }
  table f(x: int): int collect # how many
     count { - => 1 }
}
)";
  ast::RulesFile r = rules(src);
  REQUIRE(r.items.size() == 7);
  const auto& credits = boost::get<ast::TableDecl>(r.items[0]);
  CHECK(credits.name.name == "credits");
  CHECK(credits.params.size() == 2);
  CHECK(credits.result.base.name == "int");
  CHECK(credits.hit_policy == "first");
  CHECK(text_of(src, credits.hit_policy_span) == "first");
  REQUIRE(credits.rows.size() == 6);

  const ast::TableRow& row0 = credits.rows[0];
  CHECK(text_of(src, row0.span) == "bachelor, >= 6      => 3");
  REQUIRE(row0.cells.size() == 2);
  CHECK(show(boost::get<ast::Expression>(row0.cells[0])) == "bachelor");
  const auto& ge = boost::get<ast::CompareCell>(row0.cells[1]);
  CHECK(ge.op == ast::Op::Ge);
  CHECK(show(ge.value) == "6");
  CHECK(text_of(src, ge.span) == ">= 6");
  CHECK(show(row0.output) == "3");

  const auto& in = boost::get<ast::CompareCell>(credits.rows[1].cells[1]);
  CHECK(in.op == ast::Op::In);
  CHECK(show(in.value) == "(.. 6 8)");
  CHECK(text_of(src, boost::get<ast::AnyCell>(credits.rows[2].cells[0]).span) == "-");
  CHECK(boost::get<ast::CompareCell>(credits.rows[2].cells[1]).op == ast::Op::NotIn);
  CHECK(show(boost::get<ast::Expression>(credits.rows[3].cells[1])) == "(.. 6 8)");
  CHECK(show(credits.rows[3].output) == "(neg 1)");
  CHECK(show(credits.rows[4].output) == "0");  // `0` then the next row's `-,` is no subtraction
  CHECK(show(credits.rows[5].output) == "(< a b)");

  const char* policies[] = {"unique", "collect", "collect sum", "collect min", "collect max", "collect count"};
  const char* spans[] = {"unique", "collect", "collect sum", "collect   min", "collect max", "collect # how many\n     count"};
  for (int i = 0; i < 6; ++i) {
    const auto& t = boost::get<ast::TableDecl>(r.items[i + 1]);
    CHECK(t.hit_policy == policies[i]);
    CHECK(text_of(src, t.hit_policy_span) == spans[i]);
  }
}

TEST_CASE("cases: parties, fields, documents, counters, states", "[dsl]") {
  const std::string src = R"(workflow w "W" {
  case application {
    party student: student
    field year: int
    document cv[it, foreign], letter[it, foreign], certificate
    counter meetings min meetings_min max meetings_max
    counter diary
    counter late max 3
    state draft initial, submitted, ineligible final
  }
}
)";
  ast::Workflow w = workflow(src);
  const auto& c = boost::get<ast::CaseDecl>(w.items[0]);
  CHECK(c.kind == "case");
  CHECK(c.name.name == "application");
  REQUIRE(c.items.size() == 7);
  CHECK(item<ast::PartyDecl>(c, 0).name.name == "student");
  CHECK(item<ast::PartyDecl>(c, 0).role.name == "student");
  CHECK(item<ast::FieldDecl>(c, 1).name.name == "year");

  const auto& docs = item<ast::DocumentDecl>(c, 2);
  CHECK(text_of(src, docs.span) == "document cv[it, foreign], letter[it, foreign], certificate");
  REQUIRE(docs.documents.size() == 3);
  CHECK(docs.documents[0].name.name == "cv");
  CHECK(text_of(src, docs.documents[0].span) == "cv[it, foreign]");
  REQUIRE(docs.documents[1].variants.size() == 2);
  CHECK(docs.documents[1].variants[1].name == "foreign");
  CHECK(docs.documents[2].variants.empty());

  const auto& meetings = item<ast::CounterDecl>(c, 3);
  CHECK(meetings.name.name == "meetings");
  REQUIRE(meetings.min);
  CHECK(show(*meetings.min) == "meetings_min");
  REQUIRE(meetings.max);
  CHECK(show(*meetings.max) == "meetings_max");
  CHECK_FALSE(item<ast::CounterDecl>(c, 4).min);
  CHECK_FALSE(item<ast::CounterDecl>(c, 4).max);
  CHECK_FALSE(item<ast::CounterDecl>(c, 5).min);
  CHECK(item<ast::CounterDecl>(c, 5).max);

  const auto& states = item<ast::StateDecl>(c, 6);
  REQUIRE(states.states.size() == 3);
  CHECK(states.states[0].name.name == "draft");
  CHECK(states.states[0].marker == "initial");
  CHECK(states.states[1].marker.empty());
  CHECK(states.states[2].marker == "final");
  CHECK(text_of(src, states.states[2].span) == "ineligible final");
}

TEST_CASE("commands: header forms and every clause kind", "[dsl]") {
  const std::string src = R"(workflow w "W" {
  case application {
    command start by student
    command submit by student, staff from draft, returned to submitted
      input reason: text
      fills degree, year
      attach cv, letter
      requires now <= deadline else "applications closed at {deadline}"
      requires year >= 2
      decide eligible(this) then submitted else ineligible
      set year = year + 1
      count meetings
      cadence date 3weeks..4weeks flag
      cadence date 1week..2weeks refuse
      create mentorship with mentee = this.student, mentor = match
      issue certificate
  }
  cohort round {
    command close by system from open to closed
      for each application in draft, submitted do expire
      match mentee_application in ranked with mentor_application in ranked
        ranking preferences capacity capacity acceptable compatible propose propose_match
    command plain by staff from open
      match a in s with b in t ranking prefs propose p
  }
}
)";
  ast::Workflow w = workflow(src);
  const auto& c = boost::get<ast::CaseDecl>(w.items[0]);
  const auto& start = item<ast::CommandDecl>(c, 0);
  CHECK(start.name.name == "start");
  CHECK(start.roles.size() == 1);
  CHECK(start.from.empty());
  CHECK_FALSE(start.to);
  CHECK(start.clauses.empty());
  CHECK(text_of(src, start.span) == "command start by student");

  const auto& submit = item<ast::CommandDecl>(c, 1);
  REQUIRE(submit.roles.size() == 2);
  CHECK(submit.roles[1].name == "staff");
  REQUIRE(submit.from.size() == 2);
  CHECK(submit.from[1].name == "returned");
  REQUIRE(submit.to);
  CHECK(submit.to->name == "submitted");
  CHECK(text_of(src, submit.to->span) == "submitted");
  REQUIRE(submit.clauses.size() == 12);

  CHECK(clause<ast::InputClause>(submit, 0).name.name == "reason");
  CHECK(clause<ast::InputClause>(submit, 0).type.base.name == "text");
  CHECK(clause<ast::FillsClause>(submit, 1).fields.size() == 2);
  CHECK(text_of(src, clause<ast::FillsClause>(submit, 1).span) == "fills degree, year");
  CHECK(clause<ast::AttachClause>(submit, 2).documents[1].name == "letter");
  const auto& req = clause<ast::RequiresClause>(submit, 3);
  CHECK(show(req.condition) == "(<= now deadline)");
  REQUIRE(req.message);
  CHECK(req.message->value == "applications closed at {deadline}");
  CHECK_FALSE(clause<ast::RequiresClause>(submit, 4).message);
  const auto& decide = clause<ast::DecideClause>(submit, 5);
  CHECK(show(decide.decision) == "(call eligible this)");
  CHECK(decide.then_state.name == "submitted");
  CHECK(decide.else_state.name == "ineligible");
  CHECK(clause<ast::SetClause>(submit, 6).field.name == "year");
  CHECK(show(clause<ast::SetClause>(submit, 6).value) == "(+ year 1)");
  const auto& count = clause<ast::CountClause>(submit, 7);
  CHECK(count.counter.name == "meetings");
  CHECK(text_of(src, count.counter.span) == "meetings");
  CHECK(text_of(src, count.span) == "count meetings");
  const auto& cadence = clause<ast::CadenceClause>(submit, 8);
  CHECK(cadence.input.name == "date");
  CHECK(show(cadence.min) == "3weeks");
  CHECK(show(cadence.max) == "4weeks");
  CHECK(cadence.action == "flag");
  CHECK(clause<ast::CadenceClause>(submit, 9).action == "refuse");
  const auto& create = clause<ast::CreateClause>(submit, 10);
  CHECK(create.case_type.name == "mentorship");
  REQUIRE(create.assignments.size() == 2);
  CHECK(create.assignments[0].name.name == "mentee");
  CHECK(show(create.assignments[0].value) == "this.student");
  CHECK(show(create.assignments[1].value) == "match");
  const auto& issue = clause<ast::IssueClause>(submit, 11);
  CHECK(issue.output.name == "certificate");
  CHECK(text_of(src, issue.output.span) == "certificate");

  const auto& round = boost::get<ast::CaseDecl>(w.items[1]);
  CHECK(round.kind == "cohort");
  const auto& close = item<ast::CommandDecl>(round, 0);
  const auto& each = clause<ast::ForEachClause>(close, 0);
  CHECK(each.case_type.name == "application");
  REQUIRE(each.states.size() == 2);
  CHECK(each.states[1].name == "submitted");
  CHECK(each.command.name == "expire");
  const auto& match = clause<ast::MatchClause>(close, 1);
  CHECK(match.left_type.name == "mentee_application");
  CHECK(match.left_state.name == "ranked");
  CHECK(match.right_type.name == "mentor_application");
  CHECK(match.right_state.name == "ranked");
  CHECK(show(match.ranking) == "preferences");
  REQUIRE(match.capacity);
  CHECK(show(*match.capacity) == "capacity");
  REQUIRE(match.acceptable);
  CHECK(match.acceptable->name == "compatible");
  CHECK(match.propose.name == "propose_match");
  const auto& plain = clause<ast::MatchClause>(item<ast::CommandDecl>(round, 1), 0);
  CHECK_FALSE(plain.capacity);
  CHECK_FALSE(plain.acceptable);
  CHECK(plain.propose.name == "p");
}

TEST_CASE("timers: at or after, every, do or remind, outputs", "[dsl]") {
  const std::string src = R"(workflow w "W" {
  case c {
    timer close at deadline do close_applications
    timer fixed at 2021-10-07 12:30 Europe/Rome do close
    timer nudge after 3weeks in active every 1week remind mentee "time for the next meeting"
    timer expire after 30d + grace in draft do expire
    output certificate "Certificate of attendance" for mentee, mentor
    output credits "ECTS credits" for student value credits(degree, meetings)
    output thanks "Thanks"
  }
}
)";
  ast::Workflow w = workflow(src);
  const auto& c = boost::get<ast::CaseDecl>(w.items[0]);
  const auto& close = item<ast::TimerDecl>(c, 0);
  CHECK(close.name.name == "close");
  CHECK(close.trigger == "at");
  CHECK(show(close.when) == "deadline");
  CHECK_FALSE(close.in_state);
  CHECK_FALSE(close.every);
  REQUIRE(close.command);
  CHECK(close.command->name == "close_applications");
  CHECK_FALSE(close.remind_role);
  CHECK_FALSE(close.remind_text);
  CHECK(text_of(src, close.span) == "timer close at deadline do close_applications");
  CHECK(show(item<ast::TimerDecl>(c, 1).when) == "2021-10-07T12:30[Europe/Rome]");

  const auto& nudge = item<ast::TimerDecl>(c, 2);
  CHECK(nudge.trigger == "after");
  CHECK(show(nudge.when) == "3weeks");
  REQUIRE(nudge.in_state);
  CHECK(nudge.in_state->name == "active");
  CHECK(text_of(src, nudge.in_state->span) == "active");
  REQUIRE(nudge.every);
  CHECK(show(*nudge.every) == "1week");
  CHECK_FALSE(nudge.command);
  REQUIRE(nudge.remind_role);
  CHECK(nudge.remind_role->name == "mentee");
  REQUIRE(nudge.remind_text);
  CHECK(nudge.remind_text->value == "time for the next meeting");
  CHECK(show(item<ast::TimerDecl>(c, 3).when) == "(+ 30d grace)");

  const auto& certificate = item<ast::OutputDecl>(c, 4);
  CHECK(certificate.name.name == "certificate");
  CHECK(certificate.title.first.value == "Certificate of attendance");
  REQUIRE(certificate.recipients.size() == 2);
  CHECK(certificate.recipients[1].name == "mentor");
  CHECK_FALSE(certificate.value);
  const auto& credits = item<ast::OutputDecl>(c, 5);
  REQUIRE(credits.value);
  CHECK(show(credits.value->value) == "(call credits degree meetings)");
  CHECK_FALSE(credits.value->label);
  CHECK(item<ast::OutputDecl>(c, 6).recipients.empty());
}

TEST_CASE("outputs: a value's label, the fields shown, counters' titles", "[dsl]") {
  const ast::Workflow w = workflow(R"(workflow w "W" {
  case c {
    counter supervision "Supervision sessions" min 3
    output ects "Community work" for student value "ECTS credits" = ects(hours)
      shows hours, "NGO" = offer.ngo, "Area" = offer.project.area
    output said "Said" value "as it is"
    output equal "Equal" value "a" == b
  }
})");
  const auto& c = boost::get<ast::CaseDecl>(w.items[0]);
  const auto& supervision = item<ast::CounterDecl>(c, 0);
  REQUIRE(supervision.title);
  CHECK(supervision.title->first.value == "Supervision sessions");
  REQUIRE(supervision.min);
  const auto& ects = item<ast::OutputDecl>(c, 1);
  REQUIRE(ects.value);
  REQUIRE(ects.value->label);
  CHECK(ects.value->label->value == "ECTS credits");
  CHECK(show(ects.value->value) == "(call ects hours)");
  REQUIRE(ects.shows.size() == 3);
  CHECK_FALSE(ects.shows[0].label);
  REQUIRE(ects.shows[0].path.size() == 1);
  CHECK(ects.shows[0].path[0].name == "hours");
  REQUIRE(ects.shows[1].label);
  CHECK(ects.shows[1].label->value == "NGO");
  REQUIRE(ects.shows[2].path.size() == 3);
  CHECK(ects.shows[2].path[2].name == "area");
  // A text alone is the value; a text compared with `==` is not a label.
  const auto& said = item<ast::OutputDecl>(c, 2);
  REQUIRE(said.value);
  CHECK_FALSE(said.value->label);
  CHECK(show(said.value->value) == "\"as it is\"");
  const auto& equal = item<ast::OutputDecl>(c, 3);
  REQUIRE(equal.value);
  CHECK_FALSE(equal.value->label);
  CHECK(show(equal.value->value) == "(== \"a\" b)");
}

TEST_CASE("labels, help and languages: texts with their variants wherever they go", "[dsl]") {
  const std::string src = R"(workflow w "Mentoring" it "Mentoring" {
  languages en, it
  participants mentee label "Mentee" it "Mentee", mentor label "Mentor"
  enum mode { online label "Online", in_person label "In person" it "Di persona" }
  case application {
    label "Application" it "Candidatura"
    help "One student's application"
    field degree: text label "Degree course" it "Corso di laurea" help "As on your enrolment"
    document cv[it, foreign] label "CV" help "A PDF", letter
    counter meetings "Meetings" it "Incontri" min 6
    state draft initial label "Draft" it "Bozza", submitted label "Submitted"
    command submit by mentee from draft to submitted
      label "Submit" it "Invia"
      help "Send the application"
      input note: optional text label "Note" help "Anything we should know"
    output certificate "Certificate" it "Attestato" for mentee
  }
}
)";
  const ast::Workflow w = workflow(src);
  REQUIRE(w.title.variants.size() == 1);
  CHECK(w.title.variants[0].language.name == "it");
  REQUIRE(w.items.size() == 4);
  const auto& languages = boost::get<ast::LanguagesDecl>(w.items[0]);
  REQUIRE(languages.languages.size() == 2);
  CHECK(languages.languages[1].name == "it");
  CHECK(text_of(src, languages.span) == "languages en, it");

  const auto& roles = boost::get<ast::RolesDecl>(w.items[1]);
  REQUIRE(roles.roles.size() == 2);
  REQUIRE(roles.roles[0].texts.size() == 1);
  CHECK(roles.roles[0].texts[0].kind == "label");
  CHECK(text_of(src, roles.roles[0].texts[0].span) == "label \"Mentee\" it \"Mentee\"");
  CHECK(roles.roles[1].texts[0].text.variants.empty());

  const auto& mode = boost::get<ast::EnumDecl>(w.items[2]);
  REQUIRE(mode.values.size() == 2);
  CHECK(mode.values[1].name.name == "in_person");
  CHECK(mode.values[1].texts[0].text.variants[0].text.value == "Di persona");

  const auto& c = boost::get<ast::CaseDecl>(w.items[3]);
  REQUIRE(c.texts.size() == 2);
  CHECK(c.texts[0].text.first.value == "Application");
  CHECK(c.texts[1].kind == "help");
  const auto& degree = item<ast::FieldDecl>(c, 0);
  CHECK(degree.type.base.name == "text");
  REQUIRE(degree.texts.size() == 2);
  CHECK(degree.texts[1].text.first.value == "As on your enrolment");
  const auto& docs = item<ast::DocumentDecl>(c, 1);
  REQUIRE(docs.documents.size() == 2);
  CHECK(docs.documents[0].variants.size() == 2);
  CHECK(docs.documents[0].texts.size() == 2);
  CHECK(docs.documents[1].texts.empty());
  const auto& meetings = item<ast::CounterDecl>(c, 2);
  REQUIRE(meetings.title);
  CHECK(meetings.title->variants[0].text.value == "Incontri");
  CHECK(meetings.min);
  const auto& states = item<ast::StateDecl>(c, 3);
  REQUIRE(states.states.size() == 2);
  CHECK(states.states[0].marker == "initial");
  CHECK(states.states[0].texts[0].text.variants[0].language.name == "it");
  CHECK(states.states[1].texts[0].text.first.value == "Submitted");
  const auto& submit = item<ast::CommandDecl>(c, 4);
  REQUIRE(submit.texts.size() == 2);
  CHECK(submit.texts[0].kind == "label");
  CHECK(submit.texts[1].text.first.value == "Send the application");
  REQUIRE(submit.clauses.size() == 1);
  CHECK(clause<ast::InputClause>(submit, 0).texts.size() == 2);
  const auto& certificate = item<ast::OutputDecl>(c, 5);
  CHECK(certificate.title.variants[0].text.value == "Attestato");
  REQUIRE(certificate.recipients.size() == 1);
}

TEST_CASE("a variant's marker is two letters before a text, and `languages` takes any word", "[dsl]") {
  // `value "x" = ...` after an output's title is the value's label, not a variant in 'value'.
  const ast::Workflow w = workflow(R"(workflow w "W" {
  languages english, en-GB
  case c {
    output ects "Community work" IT "Lavoro" value "ECTS credits" = 3
  }
})");
  const auto& languages = boost::get<ast::LanguagesDecl>(w.items[0]);
  REQUIRE(languages.languages.size() == 2);
  CHECK(languages.languages[1].name == "en-GB");
  const auto& ects = item<ast::OutputDecl>(boost::get<ast::CaseDecl>(w.items[1]), 0);
  REQUIRE(ects.title.variants.size() == 1);
  CHECK(ects.title.variants[0].language.name == "IT");
  REQUIRE(ects.value);
  REQUIRE(ects.value->label);
  CHECK(ects.value->label->value == "ECTS credits");
}

TEST_CASE("rules files: set, let with and without a type, rules and tables, the zone", "[dsl]") {
  const std::string src = R"(rules for mie edition "2021" {
  set deadline = 2021-10-07 12:30 Europe/Rome
  let bachelor_min = B1
  let master_min: cefr = B2
  rule eligible(a: application): bool =
       (a.degree == bachelor and a.year >= 2 and a.language_level >= bachelor_min)
    or (a.degree == master and a.language_level >= master_min)
  table t(x: int): int first { - => 1 }
  zone Europe/Rome
}
)";
  ast::RulesFile r = rules(src);
  CHECK(r.workflow.name == "mie");
  CHECK(r.edition.value == "2021");
  REQUIRE(r.items.size() == 6);
  const auto& zone = boost::get<ast::ZoneDecl>(r.items[5]);
  CHECK(zone.zone.name == "Europe/Rome");
  CHECK(text_of(src, zone.zone.span) == "Europe/Rome");
  const auto& set = boost::get<ast::SetDecl>(r.items[0]);
  CHECK(set.name.name == "deadline");
  CHECK(show(set.value) == "2021-10-07T12:30[Europe/Rome]");
  const auto& bmin = boost::get<ast::LetDecl>(r.items[1]);
  CHECK_FALSE(bmin.type);
  CHECK(show(bmin.value) == "cefr:B1");
  const auto& mmin = boost::get<ast::LetDecl>(r.items[2]);
  REQUIRE(mmin.type);
  CHECK(mmin.type->base.name == "cefr");
  const auto& eligible = boost::get<ast::RuleDecl>(r.items[3]);
  REQUIRE(eligible.body);
  CHECK(show(*eligible.body) ==
        "(or (and (and (== a.degree bachelor) (>= a.year 2)) (>= a.language_level bachelor_min)) "
        "(and (== a.degree master) (>= a.language_level master_min)))");
  CHECK(boost::get<ast::TableDecl>(r.items[4]).rows.size() == 1);
}

TEST_CASE("a table row's output stops before the next row's cells", "[dsl]") {
  ast::RulesFile r = rules(R"(rules for w edition "1" {
  table score(test: int): int collect sum {
    >= 70 => 40
    < 5   => 5
    50..69 => 25
    -     => 1
  }
})");
  const auto& t = boost::get<ast::TableDecl>(r.items[0]);
  REQUIRE(t.rows.size() == 4);
  CHECK(show(t.rows[0].output) == "40");
  CHECK(boost::get<ast::CompareCell>(t.rows[1].cells[0]).op == ast::Op::Lt);
  CHECK(show(boost::get<ast::Expression>(t.rows[2].cells[0])) == "(.. 50 69)");
}

TEST_CASE("contextual keywords stay usable as names", "[dsl]") {
  CHECK(expr("min(count(staff), max(sum(capacity), match, value))") ==
        "(call min (call count staff) (call max (call sum capacity) match value))");
  CHECK(expr("[first, unique, collect, edition]") == "[first unique collect edition]");
  CHECK(boost::get<ast::CaseDecl>(workflow("workflow w \"W\" { cohort edition { state open initial } }").items[0])
            .name.name == "edition");
  // `label`, `help` and `languages` are keywords only where a label or the languages may stand.
  const ast::Workflow named = workflow(R"(workflow w "W" {
  participants label, help label "Help desk"
  case languages {
    field label: text label "Label"
    field help: text
    state help initial, label final
    command languages by label from help to label
      set label = help
  }
})");
  const auto& roles = boost::get<ast::RolesDecl>(named.items[0]);
  REQUIRE(roles.roles.size() == 2);
  CHECK(roles.roles[0].name.name == "label");
  CHECK(roles.roles[1].texts.size() == 1);
  const auto& c = boost::get<ast::CaseDecl>(named.items[1]);
  CHECK(c.name.name == "languages");
  CHECK(item<ast::FieldDecl>(c, 0).texts.size() == 1);
  CHECK(item<ast::StateDecl>(c, 2).states[1].name.name == "label");
  CHECK(item<ast::CommandDecl>(c, 3).to->name == "label");
  CHECK(show(clause<ast::SetClause>(item<ast::CommandDecl>(c, 3), 0).value) == "help");
}

// ---- syntax errors -------------------------------------------------------------------------------
TEST_CASE("a syntax error names what was expected, where, in the designer's words", "[dsl]") {
  CHECK(case_errors("    command select by staff from to selected") ==
        "test.flow:3:34: error: expected a state name after 'from'\n"
        " 3 |     command select by staff from to selected\n"
        "   |                                  ^~\n"
        "note: 'to' is a reserved word and cannot be used as a name\n"
        "1 error");
  CHECK(case_errors("    field x:") ==
        "test.flow:3:13: error: expected a type such as int, text, date or cefr\n"
        " 3 |     field x:\n"
        "   |             ^\n"
        "1 error");
  CHECK(case_errors("    command select staff from a") ==
        "test.flow:3:20: error: expected 'by' and the roles that may issue the command\n"
        " 3 |     command select staff from a\n"
        "   |                    ^~~~~\n"
        "1 error");
  CHECK(expr_error("2021-10-07 12:30") ==
        "test.rules:2:27: error: expected a time zone such as Europe/Rome or UTC after the time\n"
        " 2 |   let v = 2021-10-07 12:30\n"
        "   |                           ^\n"
        "1 error");
}

TEST_CASE("a missing comma or 'else' is named as such", "[dsl]") {
  CHECK(case_errors("    state draft initial submitted") ==
        "test.flow:3:25: error: expected ',' between the states\n"
        " 3 |     state draft initial submitted\n"
        "   |                         ^~~~~~~~~\n"
        "1 error");
  CHECK(case_errors("    document cv[it, foreign] letter").find("error: expected ',' between the documents\n") !=
        std::string::npos);
  // A name on the next line is a misspelt declaration, not a missing comma.
  CHECK(case_errors("    state draft initial\n    feild x: int") ==
        "test.flow:4:5: error: expected a declaration such as field, state, command or timer, or '}'\n"
        " 4 |     feild x: int\n"
        "   |     ^~~~~\n"
        "1 error");
  CHECK(case_errors("    command c by s\n      requires ok \"closed\"") ==
        "test.flow:4:19: error: expected 'else' before the message\n"
        " 4 |       requires ok \"closed\"\n"
        "   |                   ^~~~~~~~\n"
        "1 error");
}

TEST_CASE("something missing at the end of a line is shown there, not on the next line", "[dsl]") {
  CHECK(case_errors("    command c by staff decide a  # the outcome?\n    state s") ==
        "test.flow:3:32: error: expected 'then' and the state when the decision is true\n"
        " 3 |     command c by staff decide a  # the outcome?\n"
        "   |                                ^\n"
        "1 error");
  // ... but a word that starts nothing is shown where it stands.
  CHECK(case_errors("    field x: int\n    feild y: int") ==
        "test.flow:4:5: error: expected a declaration such as field, state, command or timer, or '}'\n"
        " 4 |     feild y: int\n"
        "   |     ^~~~~\n"
        "1 error");
}

TEST_CASE("expression errors", "[dsl]") {
  auto first_line = [](const std::string& errors) { return errors.substr(0, errors.find('\n')); };
  CHECK(first_line(expr_error("1 +")) == "test.rules:2:14: error: expected an expression after '+'");
  CHECK(first_line(expr_error("a or")) == "test.rules:2:15: error: expected an expression after 'or'");
  CHECK(first_line(expr_error("not")) == "test.rules:2:14: error: expected an expression after 'not'");
  CHECK(first_line(expr_error("a in")) == "test.rules:2:15: error: expected a value to compare with");
  CHECK(first_line(expr_error("1 < 2 < 3")) == "test.rules:2:17: error: comparisons cannot be chained: join them with 'and'");
  CHECK(first_line(expr_error("a = b")) == "test.rules:2:13: error: '=' sets a value; compare with '=='");
  CHECK(first_line(expr_error("1..2..3")) == "test.rules:2:15: error: a range has two ends: write 'a..b'");
  CHECK(first_line(expr_error("a ?" "?")) == "test.rules:2:15: error: expected a default value after '?" "?'");
  CHECK(first_line(expr_error("(1 + 2")) == "test.rules:2:17: error: expected ')' to match '('");
  CHECK(first_line(expr_error("[1, 2")) == "test.rules:2:16: error: expected ',' or ']' after the item");
  CHECK(first_line(expr_error("f(1")) == "test.rules:2:14: error: expected ',' or ')' after the argument");
  CHECK(first_line(expr_error("a.")) == "test.rules:2:13: error: expected a field name after '.'");
  CHECK(first_line(expr_error("if a then b")) ==
        "test.rules:2:22: error: expected 'else' and a value: an 'if' needs both branches");
  CHECK(first_line(expr_error("\"abc")) == "test.rules:2:15: error: expected '\"' to close the text");
  CHECK(first_line(expr_error("\"a\\qb\"")) == "test.rules:2:14: error: expected an escape (\\\" \\\\ or \\n) after '\\'");
  CHECK(first_line(expr_error("3hours")) ==
        "test.rules:2:12: error: expected a duration unit: min, h, d, day(s) or w, week(s)");
  CHECK(first_line(expr_error("99999999999999999999")) ==
        "test.rules:2:11: error: this number is too large (the largest is 9223372036854775807)");
  CHECK(first_line(expr_error("then")) == "test.rules:2:11: error: expected a value after '='");
  CHECK(first_line(expr_error(std::string(60, '(') + "1" + std::string(60, ')'))) ==
        "test.rules:2:62: error: this expression nests more than 50 levels deep");
  CHECK(first_line(expr_error(std::string(60, '-') + "1")) ==
        "test.rules:2:62: error: this expression nests more than 50 levels deep");
  std::string nots;
  for (int i = 0; i < 60; ++i) nots += "not ";
  CHECK(first_line(expr_error(nots + "a")) ==
        "test.rules:2:215: error: this expression nests more than 50 levels deep");
}

TEST_CASE("one run reports every broken declaration once, and nothing that follows from it", "[dsl]") {
  const std::string src = R"(workflow w "W" {
  param p: int = 3 +
  param q: int
  case application {
    feild x: int
    field y:
    command submit by student from
    command select by staff from submitted to selected
      requires a < b < c else "no"
    state draft initial, submitted, selected final
  }
  enum e { a b }
  table t(x: int): int fist {
    1 => 2
  }
  rule ok() = true
}
)";
  Parsed p = parse("w.flow", src);
  CHECK_FALSE(p.file);
  CHECK(p.errors ==
        "w.flow:2:21: error: expected an expression after '+'\n"
        " 2 |   param p: int = 3 +\n"
        "   |                     ^\n"
        "w.flow:5:5: error: expected a declaration such as field, state, command or timer, or '}'\n"
        " 5 |     feild x: int\n"
        "   |     ^~~~~\n"
        "w.flow:6:13: error: expected a type such as int, text, date or cefr\n"
        " 6 |     field y:\n"
        "   |             ^\n"
        "w.flow:7:35: error: expected a state name after 'from'\n"
        " 7 |     command submit by student from\n"
        "   |                                   ^\n"
        "w.flow:9:22: error: comparisons cannot be chained: join them with 'and'\n"
        " 9 |       requires a < b < c else \"no\"\n"
        "   |                      ^\n"
        "w.flow:12:14: error: expected ',' or '}' after the enum value\n"
        " 12 |   enum e { a b }\n"
        "    |              ^\n"
        "w.flow:13:24: error: expected a hit policy (unique, first or collect) after the result type\n"
        " 13 |   table t(x: int): int fist {\n"
        "    |                        ^~~~\n"
        "7 errors");
}

TEST_CASE("a misplaced or missing brace is one error", "[dsl]") {
  CHECK(parse("w.flow", "workflow w \"W\" {\n  case c {\n    field x: int\n  param p: int\n}\n").errors ==
        "w.flow:3:17: error: expected '}' to close case 'c'\n"
        " 3 |     field x: int\n"
        "   |                 ^\n"
        "1 error");
  CHECK(parse("w.flow", "workflow w \"W\" {\n  case c {\n    field x: int\n").errors ==
        "w.flow:3:17: error: expected '}' to close case 'c'\n"
        " 3 |     field x: int\n"
        "   |                 ^\n"
        "1 error");
  CHECK(parse("r.rules", "rules for w edition \"1\" {\n  table t(a: int): int fist {\n}\n").errors ==
        "r.rules:2:24: error: expected a hit policy (unique, first or collect) after the result type\n"
        " 2 |   table t(a: int): int fist {\n"
        "   |                        ^~~~\n"
        "1 error");
  CHECK(parse("w.flow", "workflow w \"W\" {\n}\n}\n").errors ==
        "w.flow:3:1: error: expected the end of the file after the closing '}'\n"
        " 3 | }\n"
        "   | ^\n"
        "1 error");
}

TEST_CASE("a file must start with 'workflow' or 'rules'", "[dsl]") {
  CHECK(parse("x.flow", "").errors ==
        "x.flow:1:1: error: expected 'workflow' or 'rules' at the start of the file\n"
        " 1 | \n"
        "   | ^\n"
        "1 error");
  SourceFile rules_text("x.rules", "rules for w edition \"1\" {}");
  Diagnostics d;
  CHECK_FALSE(mentorflow::dsl::parse_workflow(rules_text, d));
  CHECK(render(d) ==
        "x.rules:1:1: error: expected 'workflow' at the start of the file\n"
        " 1 | rules for w edition \"1\" {}\n"
        "   | ^~~~~\n");
}

TEST_CASE("the reserved words are the ones docs/LANGUAGE.md lists, sorted", "[dsl]") {
  const auto words = mentorflow::dsl::reserved_words();
  CHECK(std::is_sorted(words.begin(), words.end()));
  const std::string doc = read(std::filesystem::path(mentorflow::testing::source_dir()) / "docs/LANGUAGE.md");
  for (std::string_view w : words) {
    INFO(w);
    CHECK(doc.find(fmt::format("`{}`", w)) != std::string::npos);
  }
  for (std::string_view w : words) {
    if (w.size() == 2 && std::isupper(static_cast<unsigned char>(w[0]))) continue;  // CEFR levels are literals
    INFO(w);
    CHECK_FALSE(parse("t.rules", fmt::format("rules for w edition \"1\" {{\n  let {} = 1\n}}\n", w)).file);
  }
}

// ---- golden cases --------------------------------------------------------------------------------
// Each tests/golden/syntax/NAME.flow (or .rules) beside NAME.expect, which holds exactly what
// `mentorflow check tests/golden/syntax/NAME.flow` prints on stderr: the diagnostics, the summary
// line and a newline. The golden runner checks the same files through the real CLI.
TEST_CASE("golden syntax errors", "[dsl]") {
  const std::filesystem::path root = mentorflow::testing::source_dir();
  const std::filesystem::path dir = root / "tests/golden/syntax";
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::filesystem::path input = entry.path();
    if (input.extension() != ".flow" && input.extension() != ".rules") continue;
    const std::string relative = std::filesystem::relative(input, root).generic_string();
    std::filesystem::path expect = input;
    expect.replace_extension(".expect");
    INFO(relative);
    REQUIRE(std::filesystem::exists(expect));
    Parsed p = parse(relative, read(input));
    CHECK_FALSE(p.file);
    CHECK(p.errors + "\n" == read(expect));
    ++cases;
  }
  CHECK(cases >= 40);
}

namespace {

// The texts of the grammar's labels, label(parser, "text" ...), read from the grammar's source:
// adjacent literals joined, C escapes kept as written.
std::vector<std::string> grammar_labels(const std::string& source) {
  std::vector<std::string> labels;
  for (std::size_t at = source.find("label("); at != std::string::npos; at = source.find("label(", at + 1)) {
    std::string text;  // the literals that end the call
    int depth = 1;
    for (std::size_t i = at + 6; i < source.size() && depth > 0; ++i) {
      const char c = source[i];
      if (c == '"' || c == '\'') {
        std::size_t end = i + 1;
        while (end < source.size() && source[end] != c) end += source[end] == '\\' ? 2 : 1;
        if (c == '"') text += source.substr(i + 1, end - i - 1);
        i = end;
      } else if (c == '(' || c == ')') {
        depth += c == '(' ? 1 : -1;
      } else if (c == ',') {
        text.clear();  // only the last argument's literals count
      }
    }
    if (!text.empty()) labels.push_back(text);
  }
  return labels;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 'n' ? '\n' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every message of the grammar has a golden case", "[dsl]") {
  const std::filesystem::path root = mentorflow::testing::source_dir();
  std::string expects;
  for (const auto& entry : std::filesystem::directory_iterator(root / "tests/golden/syntax"))
    if (entry.path().extension() == ".expect") expects += read(entry.path());
  std::size_t labels = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root / "dsl/parse")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("grammar", 0) != 0 || name.find("_def.hpp") == std::string::npos) continue;
    for (std::string label : grammar_labels(read(entry.path()))) {
      ++labels;
      label = unescape(label);
      const bool whole = label.front() == '!';
      label.erase(0, label.find_first_not_of("~@!"));
      std::string message = whole ? label : "expected " + label;
      message = message.substr(0, message.find("{decl}"));
      INFO(name << ": " << message);
      CHECK(expects.find(message) != std::string::npos);
    }
  }
  CHECK(labels > 100);
}

TEST_CASE("the shipped programmes parse without a syntax error", "[dsl]") {
  const std::filesystem::path root = mentorflow::testing::source_dir();
  int files = 0;
  for (const char* dir : {"workflows", "rules"}) {
    if (!std::filesystem::exists(root / dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
      if (entry.path().extension() != ".flow" && entry.path().extension() != ".rules") continue;
      const std::string relative = std::filesystem::relative(entry.path(), root).generic_string();
      INFO(relative);
      Parsed p = parse(relative, read(entry.path()));
      CHECK(p.errors.empty());
      CHECK(p.file);
      ++files;
    }
  }
  CHECK(files > 0);
}
