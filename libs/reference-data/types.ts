export interface Named {
  code: string;
  nameEn: string;
  nameZh: string;
}

export interface Category extends Named {
  services: readonly Named[];
}

/** A GB/T 4754-2017 section (门类) with its divisions (大类). */
export interface Sector extends Named {
  divisions: readonly Named[];
}

export interface District extends Named {
  city: string;
  kind: 'district' | 'area' | 'city';
  /** GB/T 2260 administrative division code; null for areas that are not administrative divisions. */
  adminCode: string | null;
}

/** ISO 3166-1 alpha-2. */
// Its own name, so that a country can gain fields without every signature that takes one changing.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Country extends Named {}

/** A named group of countries a programme may target (the Middle East, the Belt and Road partners). */
export interface Region extends Named {
  countries: readonly string[];
}
