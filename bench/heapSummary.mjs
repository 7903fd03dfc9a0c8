/**
 * Summarizes a .heapsnapshot (`npm run bench -- --heap-snapshot=bot100k`, or node --heapsnapshot-signal): the
 * heap's self size by kind of object, and the strings by how they start, so a snapshot can be read without a
 * browser. Usage: node bench/heapSummary.mjs FILE [N]
 */
import { readFileSync } from 'node:fs';

const [file, topText = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/heapSummary.mjs FILE.heapsnapshot [N]');
const top = Number(topText);
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const fields = snapshot.snapshot.meta.node_fields;
const types = snapshot.snapshot.meta.node_types[0];
const { nodes, strings } = snapshot;
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

const byKind = new Map();
const stringsByStart = new Map();
let total = 0;
const add = (map, key, size) => {
  const entry = map.get(key) ?? { size: 0, count: 0 };
  entry.size += size;
  entry.count += 1;
  map.set(key, entry);
};
for (let i = 0; i < nodes.length; i += fields.length) {
  const type = types[nodes[i + typeAt]];
  const size = nodes[i + sizeAt];
  total += size;
  const isString = STRING_TYPES.has(type);
  add(byKind, isString ? type : type === 'code' ? 'code' : `${type}: ${String(strings[nodes[i + nameAt]]).slice(0, 60)}`, size);
  // A string's first characters usually say what it is: a JSON record, a state key, a module's source.
  if (type === 'string') add(stringsByStart, String(strings[nodes[i + nameAt]]).slice(0, 24), size);
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(2).padStart(8);
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, { size, count }] of [...map].sort((a, b) => b[1].size - a[1].size).slice(0, top)) console.log(`${mb(size)} MB ${String(count).padStart(8)}  ${JSON.stringify(key)}`);
};
console.log(`${file}: ${mb(total).trim()} MB in ${nodes.length / fields.length} objects`);
print('by kind (self size)', byKind);
print('strings by how they start', stringsByStart);
