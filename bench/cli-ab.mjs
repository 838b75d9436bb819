// Interleaved A/B of two builds of the CLI: median wall and CPU time (user + system, children
// included) of N runs each of `--help`, `validate` and `plan`, run by turns (A B, B A, …) so
// that the load of a shared machine weighs on both alike. Used for the CLI's fixed cost (#16):
//
//   node bench/cli-ab.mjs <a/bin/clientsync.js> <b/bin/clientsync.js> <dir> [runs=9]
//
// <dir> holds clientsync.yaml and clients/ (e.g. 200 account files of 5 clients, committed in a
// git repository, already applied); KEYCLOAK_URL etc. point at `clientsync emulator`.
// CASES=plan (comma-separated) picks the commands. Copy a build (bin/, dist/, package.json and
// a node_modules link) aside to compare it with the worktree's.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const [a, b, cwd, n = '9'] = process.argv.slice(2);
if (!a || !b || !cwd) {
  process.stderr.write('usage: node bench/cli-ab.mjs <a/bin/clientsync.js> <b/bin/clientsync.js> <dir> [runs]\n');
  process.exit(64);
}
const cases = (process.env.CASES ?? '--help,validate,plan').split(',');
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function run(cli, command) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time node ${cli} ${command} >/dev/null`], { cwd, env: process.env, encoding: 'utf8' });
  const [user, system] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (user + system) * 1000 };
}

console.log(`load before ${load()}`);
for (const command of cases) {
  const runs = { a: [], b: [] };
  for (let i = 0; i < Number(n); i++) for (const k of i % 2 ? ['a', 'b'] : ['b', 'a']) runs[k].push(run(k === 'a' ? a : b, command));
  const fmt = (rs) => `wall ${median(rs.map((r) => r.wall)).toFixed(0)} cpu ${median(rs.map((r) => r.cpu)).toFixed(0)}`;
  console.log(`${command.padEnd(9)} A: ${fmt(runs.a)} | B: ${fmt(runs.b)} (ms, median of ${n})`);
}
console.log(`load after ${load()}`);
