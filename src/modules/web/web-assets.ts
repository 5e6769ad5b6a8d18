import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable, Logger } from '@nestjs/common';

export interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * The folder holding package.json above `from`: the same answer whether this file runs as
 * TypeScript from src/ (tests) or compiled from dist/src/ (production).
 */
export function projectRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * The web app's build (`npm run build:web` → dist/web/), read once at start. Only names found
 * there are served, so a request can never reach another file.
 */
@Injectable()
export class WebAssets {
  private readonly logger = new Logger(WebAssets.name);
  private readonly files = new Map<string, Asset>();
  readonly folder = join(projectRoot(), 'dist', 'web');
  readonly index: Asset | undefined;

  constructor() {
    if (!existsSync(join(this.folder, 'index.html'))) {
      this.logger.warn(`the web app is not built (${this.folder}): run npm run build:web; pages answer 404 until then`);
      return;
    }
    this.index = { body: readFileSync(join(this.folder, 'index.html')), type: TYPES['.html']! };
    const assets = join(this.folder, 'assets');
    for (const name of existsSync(assets) ? readdirSync(assets) : []) {
      const type = TYPES[extname(name)];
      if (type) this.files.set(name, { body: readFileSync(join(assets, name)), type });
    }
  }

  asset(name: string): Asset | undefined {
    return this.files.get(name);
  }
}
