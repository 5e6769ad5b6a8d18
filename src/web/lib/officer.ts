// What the district officer's pages share: the district (an officer's own; an admin picks one),
// its programmes, and the programme chosen, remembered from page to page.
import { computed, ref, watch } from 'vue';
import { api, ok, type Schemas } from '../api/client';
import { useSession } from '../stores/session';

const adminDistrict = ref('');
const chosenId = ref('');
const programmes = ref<Schemas['Program'][]>([]);
const error = ref<unknown>(null);

export const RULES = ['in_district', 'alliance_member', 'any_vetted'] as const;

export function useOfficerScope() {
  const session = useSession();
  const isAdmin = computed(() => session.role === 'admin');
  const district = computed(() => (isAdmin.value ? adminDistrict.value : session.org));
  const programme = computed(() => programmes.value.find((p) => p.id === chosenId.value) ?? null);

  async function loadProgrammes(): Promise<void> {
    error.value = null;
    if (!district.value) {
      programmes.value = [];
      return;
    }
    try {
      const all: Schemas['Program'][] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await ok(api.GET('/v1/programs', { params: { query: { district: district.value, limit: 100, cursor } } }));
        all.push(...res.data);
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      programmes.value = all.reverse();
      if (!programmes.value.some((p) => p.id === chosenId.value)) chosenId.value = programmes.value[0]?.id ?? '';
    } catch (e) {
      error.value = e;
    }
  }
  watch(district, () => void loadProgrammes());
  return { isAdmin, district, adminDistrict, programmes, chosenId, programme, error, loadProgrammes };
}
