// The UI's own logic, without the DOM: bundled apart for the unit tests (test/unit).
export * from "./words";
export * from "./values";
export * from "./time";
export * from "./route";
