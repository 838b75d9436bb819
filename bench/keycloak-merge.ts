// Merges runs of bench:keycloak made apart (e.g. 1,000 clients with keycloak-config-cli, and
// 5,000 without it, whose peer runs would take most of an hour) into one report and chart:
//   vite-node bench/keycloak-merge.ts <out.json> <in.json>[#tool,tool] <in.json>[#tool] [...]
// `#tools` keeps only those tools' samples of a run (e.g. the peer's from a run with it, the
// rest from a later run with more repeats); memory figures come with the daemon's samples.
// Samples are kept as measured; the notes say where each came from.
import { writeFileSync, readFileSync } from 'node:fs';
import { renderChart } from './chart.js';
import { renderMarkdown, type KeycloakBenchResult } from './keycloak-report.js';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length < 2) {
  process.stderr.write('usage: vite-node bench/keycloak-merge.ts <out.json> <in.json> <in.json> [...]\n');
  process.exit(64);
}
const runs = inputs.map((input) => {
  const [file, pick] = input.split('#') as [string, string | undefined];
  const whole = JSON.parse(readFileSync(file, 'utf8')) as KeycloakBenchResult;
  const tools = pick?.split(',').map((t) => t.trim());
  const result: KeycloakBenchResult = tools
    ? {
        ...whole,
        samples: whole.samples.filter((s) => tools.includes(s.tool)),
        memory: tools.includes('clientsync daemon') ? whole.memory : [],
        failures: whole.failures.filter((f) => tools.some((t) => f.includes(t))),
      }
    : whole;
  return { file: tools ? `${file} (${tools.join(', ')} only)` : file, result };
});
const first = runs[0]!.result;
for (const { file, result } of runs) {
  if (result.keycloak !== first.keycloak || result.machine.cores !== first.machine.cores) {
    process.stderr.write(`${file}: another Keycloak or machine (${result.keycloak}, ${result.machine.cores} cores); not merged\n`);
    process.exit(1);
  }
}
const earliest = [...runs].sort((a, b) => a.result.generatedAt.localeCompare(b.result.generatedAt))[0]!.result;
const merged: KeycloakBenchResult = {
  ...first,
  label: 'current',
  loadAtStart: earliest.loadAtStart,
  generatedAt: earliest.generatedAt,
  durationSeconds: runs.reduce((sum, r) => sum + r.result.durationSeconds, 0),
  loadAtEnd: runs.at(-1)!.result.loadAtEnd,
  sizes: [...new Set(runs.flatMap((r) => r.result.sizes))].sort((a, b) => a - b),
  repeat: Math.max(...runs.map((r) => r.result.repeat)),
  samples: runs.flatMap((r) => r.result.samples),
  memory: runs.flatMap((r) => r.result.memory),
  failures: runs.flatMap((r) => r.result.failures),
  notes: [
    `${runs.length} runs of the bench merged (same machine, Keycloak ${first.keycloak}); the runs column says how many repeats each row has:`,
    ...runs.map(({ file, result }) => `- ${file}: ${result.sizes.join(', ')} clients, ${result.repeat} repeat(s), tools ${[...new Set(result.samples.map((s) => s.tool))].join(', ')}; generated ${result.generatedAt}, load ${result.loadAtStart.join(' / ')} at its start`),
    ...runs.flatMap((r) => r.result.notes ?? []),
  ],
};
writeFileSync(out, `${JSON.stringify(merged, null, 2)}\n`);
writeFileSync(out.replace(/\.json$/, '.md'), renderMarkdown(merged));
writeFileSync(out.replace('keycloak-results', 'keycloak-chart').replace(/\.json$/, '.svg'), await renderChart(merged));
process.stdout.write(`merged ${inputs.length} runs into ${out} (.md and the chart beside it)\n`);
