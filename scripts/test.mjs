#!/usr/bin/env node
// `npm test`: typecheck, unit tests, build, then the Chromium e2e suites, and one closing line
// "N passed, N failed" over everything, so CI and people read the same verdict.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/stack.mjs';

const results = path.join(ROOT, '.test-results');
fs.mkdirSync(results, { recursive: true });
const node = process.execPath;
const bin = (name) => path.join(ROOT, 'node_modules', name);

/** @param {string} label @param {string[]} args */
function run(label, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(node, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

/** @param {string} file */
function counts(file) {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
for (const project of ['tsconfig.json', 'tsconfig.node.json']) {
  if (run(`typecheck (${project})`, [bin('typescript/bin/tsc'), '-p', project]) !== 0) broken = true;
}
const vitest = bin('vitest/vitest.mjs');
const suites = [
  { name: 'unit', before: undefined },
  { name: 'e2e', before: () => run('build (host, MFEs, fixtures)', [path.join(ROOT, 'scripts/build.mjs')]) },
];
for (const suite of suites) {
  if (suite.before && suite.before() !== 0) {
    broken = true;
    continue;
  }
  const out = path.join(results, `${suite.name}.json`);
  fs.rmSync(out, { force: true });
  run(`${suite.name} tests`, [vitest, 'run', '--project', suite.name, '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  const c = counts(out);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
if (broken) console.log('\nthe typecheck or the build failed (see above)');
console.log(`\n${total.passed} passed, ${total.failed + (broken ? 1 : 0)} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(broken || total.failed > 0 ? 1 : 0);
