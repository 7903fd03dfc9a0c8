/**
 * Summarizes a .cpuprofile (node --cpu-prof): self time per function and inclusive time per function, the top
 * entries, so a profile can be read without a browser. Usage: node bench/profileSummary.mjs FILE [N]
 */
import { readFileSync } from 'node:fs';

const [file, topText = '30', turnsText] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profileSummary.mjs FILE.cpuprofile [N] [TURNS]');
const top = Number(topText);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const selfTicks = new Map();
for (const sample of profile.samples) selfTicks.set(sample, (selfTicks.get(sample) ?? 0) + 1);
const total = profile.samples.length;
const name = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? url.replace(/^.*\/\.cache\/helpdesk-bench\//, 'bot:').replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '') : '';
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};
const self = new Map();
const inclusive = new Map();
for (const [id, ticks] of selfTicks) {
  const node = nodes.get(id);
  self.set(name(node), (self.get(name(node)) ?? 0) + ticks);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const label = name(nodes.get(at));
    if (seen.has(label)) continue;
    seen.add(label);
    inclusive.set(label, (inclusive.get(label) ?? 0) + ticks);
  }
}
// With the run's turn count, times are also shown as milliseconds per turn.
const msPerSample = (profile.endTime - profile.startTime) / 1000 / total;
const turns = turnsText ? Number(turnsText) : undefined;
const show = (title, map) => {
  console.log(`\n${title} (of ${total} samples${turns ? `, ${turns} turns` : ''})`);
  for (const [label, ticks] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const perTurn = turns ? `${((ticks * msPerSample) / turns).toFixed(3).padStart(7)} ms/turn  ` : '';
    console.log(`${((ticks * 100) / total).toFixed(1).padStart(5)}%  ${perTurn}${label}`);
  }
};
/** Where self time goes, by package (node_modules/<package>), the bot's own code, node's internals. */
const byPackage = new Map();
for (const [id, ticks] of selfTicks) {
  const { url, functionName } = nodes.get(id).callFrame;
  let group;
  if (!url) group = functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  else if (url.includes('/.cache/helpdesk-bench/')) group = 'the bot (its own code, bundled)';
  else if (url.includes('node_modules/')) group = url.replace(/^.*node_modules\//, '').split('/').slice(0, url.includes('node_modules/@') ? 2 : 1).join('/');
  else if (url.startsWith('node:')) group = 'node internals';
  else group = 'other';
  byPackage.set(group, (byPackage.get(group) ?? 0) + ticks);
}
show('self by package', byPackage);
show('self', self);
show('inclusive', inclusive);
