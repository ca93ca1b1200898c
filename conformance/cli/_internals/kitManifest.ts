import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This kit's package.json (found upwards from this file, so it works from the sources and from `dist/`). */
export function kitManifest(): { readonly name: string; readonly version: string; readonly root: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name !== undefined) return { name: manifest.name, version: manifest.version ?? '0.0.0', root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'actor-conformance', version: '0.0.0', root: dir };
    dir = parent;
  }
}
