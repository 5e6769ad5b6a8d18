import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * The console's files, read once. tsc copies no .html/.js/.css into dist/, so they are always
 * read from src/modules/console/public/ under the project root; only names found there are
 * served, so a request can never reach another file.
 */
@Injectable()
export class ConsoleAssets {
  private readonly logger = new Logger(ConsoleAssets.name);
  private readonly files = new Map<string, Asset>();
  private echarts: Asset | undefined;
  readonly folder = join(projectRoot(), 'src', 'modules', 'console', 'public');

  constructor() {
    if (!existsSync(this.folder)) {
      this.logger.warn(`the console's files are missing (${this.folder}): /console answers 404`);
      return;
    }
    for (const name of readdirSync(this.folder)) {
      const type = TYPES[extname(name)];
      if (type) this.files.set(name, { body: readFileSync(join(this.folder, name)), type });
    }
  }

  file(name: string): Asset | undefined {
    return this.files.get(name);
  }

  /** node_modules' build of Apache ECharts, served by the api: the network may be closed. */
  vendorEcharts(): Asset {
    this.echarts ??= {
      body: readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js')),
      type: TYPES['.js']!,
    };
    return this.echarts;
  }
}
