import { z } from 'zod';

const named = { code: z.string(), nameEn: z.string(), nameZh: z.string() };
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.null() });

export const countryList = list(z.object(named).meta({ id: 'Country' })).meta({ id: 'CountryList' });
export const categoryList = list(z.object({ ...named, services: z.array(z.object(named).meta({ id: 'Service' })) }).meta({ id: 'Category' })).meta({
  id: 'CategoryList',
});
export const sectorList = list(z.object({ ...named, divisions: z.array(z.object(named).meta({ id: 'SectorDivision' })) }).meta({ id: 'Sector' })).meta({
  id: 'SectorList',
});
export const districtList = list(
  z.object({ ...named, city: z.string(), kind: z.enum(['district', 'area', 'city']), adminCode: z.string().nullable() }).meta({ id: 'District' }),
).meta({ id: 'DistrictList' });
export const currencyList = list(z.object({ code: z.string(), name: z.string(), minorUnits: z.number().int() }).meta({ id: 'Currency' })).meta({
  id: 'CurrencyList',
});
