import type { Random } from '../seeded-random/index.js';

/** Highest score first; ties in the order of a seeded shuffle, so no baseline gains from id order. */
export function rankBy(pool: readonly string[], score: (id: string) => number, random: Random): string[] {
  const shuffled = random.shuffle(pool);
  const order = new Map(shuffled.map((id, i) => [id, i]));
  return [...pool].sort((a, b) => score(b) - score(a) || order.get(a)! - order.get(b)!);
}

export function randomRanking(pool: readonly string[], random: Random): string[] {
  return random.shuffle(pool);
}

/** A plain "sort by average rating": the raw mean, unrated providers last. */
export function ratingOnlyRanking(pool: readonly string[], ratings: ReadonlyMap<string, { count: number; sum: number }>, random: Random): string[] {
  return rankBy(
    pool,
    (id) => {
      const r = ratings.get(id);
      return r && r.count > 0 ? r.sum / r.count : 0;
    },
    random,
  );
}
