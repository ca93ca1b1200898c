// Writes spec/SPEC.md from the registry. Run: npx tsx spec/_internals/generate.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rules, validateRegistry } from '../registry.js';
import { renderSpec } from './renderSpec.js';

const problems = validateRegistry(rules);
if (problems.length > 0) {
  // Refuse to publish an invalid registry.
  process.stderr.write(`spec registry is invalid:\n${problems.join('\n')}\n`);
  process.exit(1);
}
const target = fileURLToPath(new URL('../SPEC.md', import.meta.url));
writeFileSync(target, renderSpec(rules));
process.stdout.write(`wrote ${target} (${rules.length} rules)\n`);
