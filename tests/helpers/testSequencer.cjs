/*
 * Jest's order of test files, and on a cold cache (a clean clone: no timings yet) the files whose leading docblock
 * has `@slow` first. Jest runs files it has no timing for by size, largest first, which put the small but long
 * ones (the packed-library check: one file, 25 s) last, alone on one core while the other waited.
 */
"use strict";
const fs = require("fs");
const Sequencer = require("@jest/test-sequencer").default;
const { extract, parse } = require("jest-docblock");

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const slow = (test) => test.duration == null && "slow" in parse(extract(fs.readFileSync(test.path, "utf8")));
    return [...sorted.filter(slow), ...sorted.filter((test) => !slow(test))];
  }
}

module.exports = SlowFirstSequencer;
