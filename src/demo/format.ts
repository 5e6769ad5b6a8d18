/** ¥1,200,000.00 from minor units (fen). */
export function rmb(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

export const percent = (bps: number) => `${bps / 100}%`;

export type Log = (line: string) => void;

/** Prints numbered steps, each titled in Chinese and English, with indented detail lines. */
export class StepPrinter {
  private step = 0;

  constructor(
    private readonly log: Log,
    private readonly total: number,
  ) {}

  title(zh: string, en: string): void {
    this.step += 1;
    this.log('');
    this.log(`[${this.step}/${this.total}] ${zh} · ${en}`);
  }

  line(zh: string, en?: string): void {
    this.log(`      ${zh}`);
    if (en) this.log(`      ${en}`);
  }

  url(label: string, url: string): void {
    this.log(`      → ${label}: ${url}`);
  }
}
