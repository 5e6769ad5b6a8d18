import { z } from 'zod';

/** A code that must exist in reference data; the message names what it should be. */
export function referenceCode(valid: (value: string) => boolean, what: string) {
  return z.string().refine(valid, `is not a known ${what}`);
}

/** A list without repeats. */
export function distinctList<T extends z.ZodType<string>>(item: T, min = 1, max = 300) {
  return z
    .array(item)
    .min(min)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'has duplicates');
}

/** A BCP 47 tag, checked and canonicalised by the runtime's Intl (zh-cn → zh-CN). */
export const languageTag = z.string().transform((tag, ctx) => {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical) return canonical;
  } catch {
    /* reported below */
  }
  ctx.addIssue({ code: 'custom', message: 'is not a BCP 47 language tag' });
  return z.NEVER;
});
