// problem+json's `errors` (path and message) as the fields of a form read them: each field shows
// the messages whose path is its own name or lies under it (`priceBand.max.amount` under `priceBand`).
import { computed, type Ref } from 'vue';
import { ApiError } from '../api/client';

export function useFieldErrors(error: Ref<unknown>) {
  const errors = computed(() => (error.value instanceof ApiError ? (error.value.problem.errors ?? []) : []));
  const of = (field: string): string =>
    errors.value
      .filter((e) => e.path === field || e.path.startsWith(`${field}.`))
      .map((e) => (e.path === field ? e.message : `${e.path.slice(field.length + 1)}: ${e.message}`))
      .join('; ');
  return { errors, of };
}
