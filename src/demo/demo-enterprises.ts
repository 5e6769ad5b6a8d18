import { usccCheckCharacter } from '../../libs/uscc/index.js';

/** A fictional USCC that passes GB 32100-2015: the check character is computed, never typed. */
function demoUscc(division: string, organisation: string): string {
  const first17 = `91${division}${organisation}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * Enterprises going global in the sectors docs/product.md names; clearly fictional names, fixed ids so
 * seeding twice changes nothing.
 */
export const DEMO_ENTERPRISES = [
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000001',
    name: '徐汇星途动力电池有限公司 (demo)',
    uscc: demoUscc('310104', 'MA1DEMX01'),
    district: 'xuhui',
    sector: '38',
    sme: false,
    parentUscc: null,
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000002',
    name: '徐汇星途储能科技有限公司 (demo)',
    uscc: demoUscc('310104', 'MA1DEMX02'),
    district: 'xuhui',
    sector: '38',
    sme: true,
    parentUscc: demoUscc('310104', 'MA1DEMX01'),
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000003',
    name: '静安云帆人工智能有限公司 (demo)',
    uscc: demoUscc('310106', 'MA1DEMX03'),
    district: 'jingan',
    sector: '65',
    sme: true,
    parentUscc: null,
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000004',
    name: '松江长风光伏科技有限公司 (demo)',
    uscc: demoUscc('310117', 'MA1DEMX04'),
    district: 'songjiang',
    sector: '38',
    sme: false,
    parentUscc: null,
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000005',
    name: '临港海岳新能源汽车有限公司 (demo)',
    uscc: demoUscc('310115', 'MA1DEMX05'),
    district: 'lingang',
    sector: '36',
    sme: false,
    parentUscc: null,
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000006',
    name: '闵行百川生物医药有限公司 (demo)',
    uscc: demoUscc('310112', 'MA1DEMX06'),
    district: 'minhang',
    sector: '27',
    sme: true,
    parentUscc: null,
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000007',
    name: '嘉定远航跨境电商有限公司 (demo)',
    uscc: demoUscc('310114', 'MA1DEMX07'),
    district: 'jiading',
    sector: '52',
    sme: true,
    parentUscc: null,
  },
  {
    id: '0b7e2c1a-5d3f-4e8a-9b21-000000000008',
    name: '苏州精工智能装备有限公司 (demo)',
    uscc: demoUscc('320500', 'MA1DEMX08'),
    district: 'suzhou',
    sector: '34',
    sme: true,
    parentUscc: null,
  },
] as const;
