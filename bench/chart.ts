// The bench's chart: seconds by scenario and tool, one panel per size, as SVG. Vega-Lite
// compiles the spec and Vega renders it headless (no browser, no canvas: text is measured by
// estimate), so the chart is made by the bench itself and diffs as text.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { cells, type KeycloakBenchResult } from './keycloak-report.js';

export async function renderChart(result: KeycloakBenchResult): Promise<string> {
  const values = cells(result).map((c) => ({ size: `${c.size.toLocaleString('en-US')} clients`, tool: c.tool, scenario: c.scenario, seconds: Math.max(0.01, c.seconds) }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Seconds by scenario and tool — Keycloak ${result.keycloak}, ${result.machine.cores} cores, medians`,
      subtitle: `${result.label === 'current' ? 'this checkout' : result.label}; runs per figure in the report; log scale`,
    },
    data: { values },
    facet: { column: { field: 'size', type: 'nominal', title: null } },
    spec: {
      width: 360,
      height: 260,
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'scenario', type: 'nominal', sort: ['create', 'no-op (full)', 'no-op (start-up)', 'no-op (incremental)', 'one change', 'update all', 'delete all'], title: null, axis: { labelAngle: -30 } },
        xOffset: { field: 'tool', type: 'nominal' },
        // A log scale has no zero: the bars start at 10 ms (a log bar without y2 is not drawn).
        y: { field: 'seconds', type: 'quantitative', scale: { type: 'log', domainMin: 0.01 }, title: 'seconds (log)' },
        y2: { datum: 0.01 },
        color: { field: 'tool', type: 'nominal', sort: ['clientsync CLI', 'clientsync daemon', 'raw HTTP', 'keycloak-config-cli'], legend: { orient: 'bottom', title: null } },
      },
    },
    config: { background: 'white', font: 'sans-serif' },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
