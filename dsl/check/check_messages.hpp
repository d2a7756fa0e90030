#pragma once
// Every message the checker reports, in one table (fmt format strings), as Lua and clang keep
// theirs: the wording stays consistent, and tests/dsl/golden_coverage_test.cpp checks that each
// message below appears in some tests/golden/check/*.expect. Lower case, the designer's words, no
// final period. Notes follow their message.
#include <string_view>

namespace mentorflow::dsl::msg {

// ---- names -----------------------------------------------------------------------------------
inline constexpr std::string_view kUnknownName = "unknown name '{}'";
inline constexpr std::string_view kUnknownState = "unknown state '{}' in case '{}'";
inline constexpr std::string_view kUnknownField = "unknown field '{}' in case '{}'";
inline constexpr std::string_view kUnknownCounter = "unknown counter '{}' in case '{}'";
inline constexpr std::string_view kUnknownDocument = "unknown document '{}' in case '{}'";
inline constexpr std::string_view kUnknownParty = "unknown party '{}' in case '{}'";
inline constexpr std::string_view kUnknownCommand = "unknown command '{}' in case '{}'";
inline constexpr std::string_view kUnknownOutput = "unknown output '{}' in case '{}'";
inline constexpr std::string_view kUnknownInput = "unknown input '{}' in command '{}'";
inline constexpr std::string_view kUnknownRole = "unknown role '{}'";
inline constexpr std::string_view kCaseNamedTwice = "one party names case {}: '{}' names it already";
inline constexpr std::string_view kNamingPartyNotParticipant =
    "party '{}' names the case, but {} is not a participant role: a case is named by a person's own user id";
inline constexpr std::string_view kPersonalWithoutSubject =
    "{} '{}' is personal, but case {} has no participant party whose data it could be";
inline constexpr std::string_view kPersonalSubjectNote =
    "a personal value is sealed for one person and erased with them: give the case a party such as "
    "`party mentee: mentee` (docs/PRIVACY.md)";
inline constexpr std::string_view kPersonalWhose =
    "{} '{}' is personal, but case {} has several participant parties and is named after none: say whose it is";
inline constexpr std::string_view kPersonalWhoseNote = "for example `personal for {} {} {}`";
inline constexpr std::string_view kPersonalOfStaff =
    "party '{}' is staff ({}): personal data marked here is a participant's, who may ask for it to be erased";
inline constexpr std::string_view kUnknownParam = "unknown parameter '{}'";
inline constexpr std::string_view kUnknownFunction = "unknown rule, table or function '{}'";
inline constexpr std::string_view kUnknownCaseType = "unknown case type '{}'";
inline constexpr std::string_view kUnknownType = "unknown type '{}'";
inline constexpr std::string_view kUnknownZone = "unknown time zone '{}'";
inline constexpr std::string_view kUnknownWorkflow = "unknown workflow '{}'";
inline constexpr std::string_view kNotEnumValue = "'{}' is not a value of {}";
inline constexpr std::string_view kMessageNamesNothing = "'{{{}}}' in the message names nothing";
inline constexpr std::string_view kDidYouMean = "did you mean '{}'?";
inline constexpr std::string_view kOnlyInCase = "'{}' is only known inside a case";
inline constexpr std::string_view kLookedFor = "looked for {}";

inline constexpr std::string_view kDuplicate = "duplicate {} '{}'";
inline constexpr std::string_view kRetentionZero =
    "a retention of {} keeps nothing: personal data would be due for erasure the day after the edition closes";
inline constexpr std::string_view kRetentionZeroNote = "write at least 1day; leave `retention` out to keep it until it is erased by hand";
inline constexpr std::string_view kRetentionTooLong = "a retention of {} is longer than {} years";
inline constexpr std::string_view kFirstDeclared = "first declared on line {}";
inline constexpr std::string_view kBuiltIn = "'{}' is built in";

// ---- literals --------------------------------------------------------------------------------
inline constexpr std::string_view kInvalidDate = "invalid date {}";
inline constexpr std::string_view kInvalidTime = "invalid time {:02}:{:02}";
// A local time in a spring gap, or in an autumn overlap: local_time_doubt's sentence.
inline constexpr std::string_view kNoSingleInstant = "{}";

// ---- types -----------------------------------------------------------------------------------
inline constexpr std::string_view kExpected = "expected {}, found {}";
inline constexpr std::string_view kNeedsBool = "{} needs a bool, found {}";
inline constexpr std::string_view kCannotCompare = "cannot compare {} with {}";
inline constexpr std::string_view kNoOrder = "'{}' does not apply to {}";
inline constexpr std::string_view kBadOperands = "'{}' does not apply to {} and {}";
inline constexpr std::string_view kOptionalUse = "'{}' is {}: write '{} ?? default' or test 'present({})' first";
inline constexpr std::string_view kNotOptional = "'{}' is {}, not optional";
inline constexpr std::string_view kRangeOnlyAfterIn = "a range can only follow 'in'";
inline constexpr std::string_view kNotAContainer = "'in' needs a list, a set or a range, found {}";
inline constexpr std::string_view kIfBranches = "the branches of 'if' have different types: {} and {}";
inline constexpr std::string_view kListItems = "list items must have one type, found {} and {}";
inline constexpr std::string_view kNotAValue = "'{}' is a {}, not a value";
inline constexpr std::string_view kNoMembers = "'{}' is {}: it has no fields";
inline constexpr std::string_view kNotConstant = "'{}' is not a constant";
inline constexpr std::string_view kTimerAtNotConstant = "timer '{}' cannot be due at '{}': '{}' is not a constant";
inline constexpr std::string_view kTimerAtForms =
    "a timer is due at a constant date-time (a literal, a parameter, 'deadline + 2weeks') or at a date or datetime field of the case, alone or plus a constant duration ('submitted_on + 2weeks')";
inline constexpr std::string_view kTimerFieldType =
    "timer '{}' is due at field '{}', which is {}: a timer can be due at a date or datetime field";
inline constexpr std::string_view kNotACounter = "'{}' is not a counter";
inline constexpr std::string_view kArgCount = "{} expects {} argument{}, found {}";
inline constexpr std::string_view kArgType = "argument {} of {} must be {}, found {}";
inline constexpr std::string_view kParamType = "parameter '{}' is {}, cannot set it to {}";
inline constexpr std::string_view kFieldType = "field '{}' is {}, cannot set it to {}";
inline constexpr std::string_view kRuleResult = "rule '{}' gives {}, but declares {}";
inline constexpr std::string_view kRuleNeedsResult = "rule '{}' has no body, so it needs a result type";
inline constexpr std::string_view kRuleNeedsBody = "rule '{}' needs a body in a rules file";
inline constexpr std::string_view kEvalFailed = "cannot compute '{}': {}";
inline constexpr std::string_view kDefaultWithEdition = "the default of parameter '{}', with this edition's values";
inline constexpr std::string_view kParamCycle = "parameter '{}' is computed from itself";

// ---- rules and tables ------------------------------------------------------------------------
inline constexpr std::string_view kRecursion = "rule '{}' calls itself";
inline constexpr std::string_view kCallChain = "through {}";
inline constexpr std::string_view kTableCaseInput = "table inputs must be values: '{}' is {}";
inline constexpr std::string_view kPolicyType = "hit policy '{}' does not apply to {}";
inline constexpr std::string_view kRowCells = "row has {} cells, table '{}' has {} inputs";
inline constexpr std::string_view kOverlap = "rows {} and {} of table '{}' overlap";
inline constexpr std::string_view kBothMatch = "both match {}";
inline constexpr std::string_view kUncovered = "table '{}' does not cover every input";
inline constexpr std::string_view kNoRowMatches = "no row matches {}";

// ---- rules files -----------------------------------------------------------------------------
// An override with another signature: the first difference, at it.
inline constexpr std::string_view kOverrideParamCount = "{} '{}' takes {} parameter{}, the workflow's takes {}";
inline constexpr std::string_view kOverrideParamType = "parameter '{}' of {} '{}' is {}, the workflow's is {}";
inline constexpr std::string_view kOverrideResult = "{} '{}' gives {}, the workflow's gives {}";
inline constexpr std::string_view kOverridePolicy = "table '{}' has hit policy '{}', the workflow's has '{}'";
inline constexpr std::string_view kWorkflowDeclares = "the workflow declares {}";
inline constexpr std::string_view kMissingParam = "parameter '{}' has no default in the workflow and is not set here";
inline constexpr std::string_view kMissingRule = "rule '{}' has no body in the workflow and is not defined here";
// A new rule or table whose name is a slip for one of the workflow's, which it then does not replace.
inline constexpr std::string_view kLookalikeMissing = "the workflow has no {} '{}', and its {} '{}' has no body and is not defined here";
inline constexpr std::string_view kLookalikeUnused = "the workflow has no {} '{}' and nothing here calls it: the workflow's '{}' is not replaced";
inline constexpr std::string_view kWorkflowHasErrors = "workflow '{}' has errors";
inline constexpr std::string_view kFixWorkflowFirst = "fix {} first";

// ---- states and commands ---------------------------------------------------------------------
inline constexpr std::string_view kReadBeforeSet = "field '{}' may be read before it is set";
inline constexpr std::string_view kUnsetOnTheWay = "nothing sets it on the way {}, then {} reads it";
inline constexpr std::string_view kUnsetAtCreation = "{} reads it before setting it, as it opens the case";
inline constexpr std::string_view kNoInitial = "case '{}' has no initial state";
inline constexpr std::string_view kSecondInitial = "second initial state '{}' in case '{}'";
inline constexpr std::string_view kAlreadyInitial = "'{}' is already initial";
inline constexpr std::string_view kUnreachable = "state '{}' is unreachable";
inline constexpr std::string_view kNoPathFrom = "no command leads to it from the initial state '{}'";
inline constexpr std::string_view kNoWayOut = "state '{}' is not final and has no way out";
inline constexpr std::string_view kMarkFinal = "mark it final, or add a command from it";
inline constexpr std::string_view kFinalWayOut = "final state '{}' has a way out";
inline constexpr std::string_view kCommandLeaves = "command '{}' leaves it";
inline constexpr std::string_view kNobodyMayIssue = "command '{}' can be issued by no one";
inline constexpr std::string_view kAuditorsRead = "'{}' is an auditor role: auditors only read";
inline constexpr std::string_view kAuditorIssues = "auditor role '{}' cannot issue commands";
inline constexpr std::string_view kPrivacyIssues = "privacy role '{}' cannot issue commands: it erases personal data, nothing else";
inline constexpr std::string_view kNoParty = "command '{}' is for '{}', but case '{}' has no party of that role";
inline constexpr std::string_view kToAndDecide = "command '{}' has both 'to' and 'decide'";
inline constexpr std::string_view kDecidesTwice = "command '{}' decides twice";
inline constexpr std::string_view kCohortOnly = "'{}' is only for cohort commands";
inline constexpr std::string_view kCohortNotCreated = "'{}' is a cohort: cohorts are not created";
inline constexpr std::string_view kCreateMissingParty = "create '{}' does not set party '{}'";
inline constexpr std::string_view kNeedsSystem = "command '{}' is issued by {} but does not allow role 'system'";
inline constexpr std::string_view kProposeInput = "command '{}' must take 'input match: ref {}' to receive proposals";
inline constexpr std::string_view kAcceptableRule = "rule '{}' must take ({}, {}) and give bool";
inline constexpr std::string_view kScoreRule = "rule '{}' must take ({}, {}) and give int";
inline constexpr std::string_view kMatchingMethod = "parameter '{}' must be of type enum(stable, optimal) to choose the matching method";
inline constexpr std::string_view kExplainRunState = "'{}' is the state the run matches: 'explain' gives the words for the states it leaves out";
inline constexpr std::string_view kExplainFinal = "state '{}' is final: a run leaves out only cases that are not final";
inline constexpr std::string_view kDoCreates = "command '{}' opens a new {}: 'do' issues a command on a case that exists";
inline constexpr std::string_view kDoInputs = "command '{}' takes input '{}': 'do' issues commands that take none";

// ---- labels, help and languages --------------------------------------------------------------
inline constexpr std::string_view kUnknownLanguage = "unknown language code '{}'";
inline constexpr std::string_view kLanguageCodes = "languages are ISO 639-1 codes of two lower-case letters, such as en, it or fr";
inline constexpr std::string_view kLanguagesTwice = "the workflow's languages are declared twice";
inline constexpr std::string_view kNoLanguages = "a text in '{}' needs the workflow's languages declared";
inline constexpr std::string_view kDeclareLanguages = "declare them near the top of the workflow, the language of texts without a marker first: 'languages en, {}'";
inline constexpr std::string_view kUndeclaredLanguage = "'{}' is not one of the workflow's languages";
inline constexpr std::string_view kLanguagesAre = "the workflow's languages are {} (line {})";
inline constexpr std::string_view kFirstLanguageVariant = "'{}' is the workflow's first language: the text before the variants is in it";
inline constexpr std::string_view kLanguageTwice = "the {} has two texts in '{}'";
inline constexpr std::string_view kEmptyText = "the {} is empty";
inline constexpr std::string_view kTextTwice = "{} has two {}s";
inline constexpr std::string_view kNoHelp = "{} takes a label but no help text";
inline constexpr std::string_view kMissingVariant = "the {} has no text in {}";

}  // namespace mentorflow::dsl::msg
