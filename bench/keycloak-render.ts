// Re-renders a bench:keycloak report and chart from its JSON (after a change to the report or
// the chart, or to draw an older run again): vite-node bench/keycloak-render.ts bench/keycloak-results[-LABEL].json
import { readFileSync, writeFileSync } from 'node:fs';
import { renderChart } from './chart.js';
import { renderMarkdown, type KeycloakBenchResult } from './keycloak-report.js';

const file = process.argv[2] ?? 'bench/keycloak-results.json';
const result = JSON.parse(readFileSync(file, 'utf8')) as KeycloakBenchResult;
writeFileSync(file.replace(/\.json$/, '.md'), renderMarkdown(result));
writeFileSync(file.replace('keycloak-results', 'keycloak-chart').replace(/\.json$/, '.svg'), await renderChart(result));
process.stdout.write(`rendered ${file.replace(/\.json$/, '.md')} and its chart\n`);
