// Debian 12 has Node.js 18 and npm 9: every package package-lock.json installs must say it runs
// there (its `engines.node`), or `npm ci` on Debian 12 would install code that may not work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import semver from "semver";

const DEBIAN_12_NODE = "18.19.0";

test("every locked package supports Debian 12's Node.js (18.19)", () => {
  const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8"));
  assert.ok(lock.lockfileVersion >= 2, "npm 9 reads lockfile v2 and v3");
  const refused = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const range = pkg.engines && typeof pkg.engines === "object" ? pkg.engines.node : undefined;
    if (path && range && !semver.satisfies(DEBIAN_12_NODE, range, { includePrerelease: true }))
      refused.push(`${path.replace(/^.*node_modules\//, "")}@${pkg.version}: node ${range}`);
  }
  assert.deepEqual(refused, []);
});

test("the direct dependencies are pinned exactly", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} ${version}`);
});
