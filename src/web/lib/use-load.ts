import { ref, type Ref } from 'vue';

/** A value loaded from the API: while loading, the value, or the error to show in place. */
export function useLoad<T>(load: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>;
  const error = ref<unknown>(null);
  const loading = ref(false);
  async function reload(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      data.value = await load();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  return { data, error, loading, reload };
}

/** Runs one action of a button: its error to show, and busy while it runs (the button is disabled). */
export function useAction() {
  const error = ref<unknown>(null);
  const busy = ref(false);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    error.value = null;
    try {
      return await action();
    } catch (e) {
      error.value = e;
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { error, busy, run };
}
