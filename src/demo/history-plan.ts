import { demoAlliance } from './alliances.js';
import type { DemoEnterprise } from './enterprises.js';
import { DEMO_PROGRAMMES, type ProgramKey } from './programs.js';
import type { DemoProviderRow } from './providers.js';
import { Random } from '../../libs/seeded-random/index.js';
import { DAY_MS } from '../../libs/time/index.js';

/** How far a purchase has come by now. */
export type Stage = 'completed' | 'refunded' | 'disputed' | 'delivered' | 'in_progress' | 'awaiting_payment' | 'open' | 'cancelled';

export interface DealPlan {
  index: number;
  enterprise: DemoEnterprise;
  program: ProgramKey | null;
  /** The provider the request is written for; it wins if matching invites it. */
  favourite: DemoProviderRow;
  country: string;
  services: string[];
  languages: string[];
  ageDays: number;
  stage: Stage;
  rivals: number;
  rating: number;
  price: number;
  timelineDays: number;
}

const AWARDED = 64;
const OPEN = 6;
const CANCELLED = 3;

function stageFor(random: Random, ageDays: number): Stage {
  if (ageDays > 40) return random.chance(0.1) ? 'refunded' : 'completed';
  if (ageDays > 20) return random.chance(0.45) ? 'delivered' : 'completed';
  if (ageDays > 8) return 'in_progress';
  return 'awaiting_payment';
}

export function eligible(program: ProgramKey | null, provider: DemoProviderRow): boolean {
  if (program === null) return true;
  const { body } = DEMO_PROGRAMMES[program];
  if (!(body(new Date()).categories as string[]).includes(provider.categories[0]!)) return false;
  if (program === 'xuhui') return provider.district === 'xuhui';
  if (program === 'jingan') return provider.allianceIds.includes(demoAlliance('jingan').id);
  return true;
}

/**
 * A few months of purchases, oldest first: who buys what from whom, and how far each got. The
 * requests are written around a favourite provider so that the history has winners of every
 * programme's kind; matching still decides who is invited.
 */
export function planHistory(seed: number, enterprises: readonly DemoEnterprise[], providers: readonly DemoProviderRow[], now: Date): DealPlan[] {
  const random = new Random(seed);
  const lasting = providers.filter((p) => p.vettedUntil && p.vettedUntil.getTime() > now.getTime() + 30 * DAY_MS);
  const inDistrict = (d: string) => enterprises.filter((e) => e.district === d);
  const elsewhere = enterprises.filter((e) => !['xuhui', 'lingang', 'jingan'].includes(e.district));
  const total = AWARDED + OPEN + CANCELLED;
  const plans: DealPlan[] = [];
  for (let index = 0; index < total; index++) {
    const roll = random.next();
    const district = roll < 0.4 ? 'xuhui' : roll < 0.62 ? 'lingang' : roll < 0.77 ? 'jingan' : null;
    const enterprise = random.pick(district ? inDistrict(district) : elsewhere);
    const program = district && random.chance(0.85) ? (district as ProgramKey) : null;
    const pool = lasting.filter((p) => eligible(program, p));
    const heading = pool.filter((p) => p.countries.some((c) => enterprise.targets.includes(c)));
    const favourite = random.pick(heading.length > 0 ? heading : pool);
    const shared = favourite.countries.filter((c) => enterprise.targets.includes(c));
    const country = favourite.overseasOffices.find((c) => shared.includes(c)) ?? random.pick(shared.length > 0 ? shared : favourite.countries);
    const awarded = index < AWARDED;
    const ageDays = awarded ? Math.round(125 - (index * 121) / AWARDED) : index < AWARDED + OPEN ? random.int(1, 6) : random.int(60, 110);
    const stage: Stage = awarded ? stageFor(random, ageDays) : index < AWARDED + OPEN ? 'open' : 'cancelled';
    const steps = (favourite.priceMax - favourite.priceMin) / 100_000;
    plans.push({
      index,
      enterprise,
      program,
      favourite,
      country,
      services: random.sample(favourite.services, random.int(1, Math.min(2, favourite.services.length))),
      languages: ['zh-CN', ...favourite.languages.filter((l) => l !== 'zh-CN' && l !== 'en').slice(0, 1)],
      ageDays,
      stage,
      rivals: random.int(1, 2),
      rating: random.chance(0.15) ? 3 : random.chance(0.45) ? 4 : 5,
      price: favourite.priceMin + random.int(0, steps) * 100_000,
      timelineDays: random.int(3, 12) * 5,
    });
  }
  // One purchase whose delivery the enterprise disputes: reconciliation holds its subsidy.
  const disputed = plans.find((p) => p.stage === 'delivered' && p.program === 'xuhui') ?? plans.find((p) => p.stage === 'delivered');
  if (disputed) disputed.stage = 'disputed';
  return plans;
}
