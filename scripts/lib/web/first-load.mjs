// What a browser fetches before the first page shows: index.html's entry with its static
// imports and their CSS (dist/web/.vite/manifest.json), plus, for the enterprise home, that
// page's lazy chunk with its own static imports. Gzipped, as served over the wire. Fails over
// the budget (issue 25: ≤ 250 KB for the enterprise home).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dist = new URL('../../../dist/web/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));

function closure(keys) {
  const files = new Set();
  const walk = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) walk(imported);
  };
  keys.forEach(walk);
  return files;
}

const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const home = Object.keys(manifest).find((k) => k.endsWith('pages/enterprise/EnterpriseHome.vue'));
const report = (label, files) => {
  const js = [...files].filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
  const css = [...files].filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
  console.log(`web first load, ${label}: ${kb(js + css)} gzip (JS ${kb(js)} + CSS ${kb(css)}, ${files.size} files; budget ${kb(BUDGET)})`);
  return js + css;
};
report('any page (entry)', closure([entry]));
const total = report('enterprise home', closure([entry, home]));
const form = Object.keys(manifest).find((k) => k.endsWith('pages/enterprise/RequestForm.vue'));
if (form) report('post a need (Element Plus form, select, checkbox)', closure([entry, form]));
// ECharts is fetched by a chart when it mounts (src/web/components/EChart.vue), never in a first load.
const charts = Object.keys(manifest).find((k) => k.endsWith('charts/echarts.ts'));
if (charts) report('ECharts, fetched when a chart mounts (not a first load)', closure([charts]));
if (total > BUDGET) {
  console.error(`the enterprise home's first load is over budget: ${kb(total)} > ${kb(BUDGET)}`);
  process.exit(1);
}
