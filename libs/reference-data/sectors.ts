import { deepFreeze } from './freeze.js';
import type { Named, Sector } from './types.js';

type Row = readonly [code: string, nameEn: string, nameZh: string];

function section(code: string, nameEn: string, nameZh: string, divisions: readonly Row[]): Sector {
  return { code, nameEn, nameZh, divisions: divisions.map(([code, nameEn, nameZh]): Named => ({ code, nameEn, nameZh })) };
}

/**
 * GB/T 4754-2017 国民经济行业分类: the 20 sections (门类) A–T and their 97 divisions (大类) 01–97,
 * with the standard's Chinese names. The English names are translations worded like ISIC Rev.4
 * where the two classifications coincide; the codes differ from ISIC's and are the standard's.
 */
export const SECTORS: readonly Sector[] = deepFreeze([
  section('A', 'Agriculture, forestry, animal husbandry and fishery', '农、林、牧、渔业', [
    ['01', 'Agriculture', '农业'],
    ['02', 'Forestry', '林业'],
    ['03', 'Animal husbandry', '畜牧业'],
    ['04', 'Fishery', '渔业'],
    ['05', 'Professional and support activities for agriculture, forestry, animal husbandry and fishery', '农、林、牧、渔专业及辅助性活动'],
  ]),
  section('B', 'Mining', '采矿业', [
    ['06', 'Mining and washing of coal', '煤炭开采和洗选业'],
    ['07', 'Extraction of petroleum and natural gas', '石油和天然气开采业'],
    ['08', 'Mining and processing of ferrous metal ores', '黑色金属矿采选业'],
    ['09', 'Mining and processing of non-ferrous metal ores', '有色金属矿采选业'],
    ['10', 'Mining and processing of non-metallic minerals', '非金属矿采选业'],
    ['11', 'Professional and support activities for mining', '开采专业及辅助性活动'],
    ['12', 'Other mining', '其他采矿业'],
  ]),
  section('C', 'Manufacturing', '制造业', [
    ['13', 'Processing of food from agricultural products', '农副食品加工业'],
    ['14', 'Manufacture of foods', '食品制造业'],
    ['15', 'Manufacture of liquor, beverages and refined tea', '酒、饮料和精制茶制造业'],
    ['16', 'Manufacture of tobacco products', '烟草制品业'],
    ['17', 'Manufacture of textiles', '纺织业'],
    ['18', 'Manufacture of textile wearing apparel and accessories', '纺织服装、服饰业'],
    ['19', 'Manufacture of leather, fur, feather and related products and footwear', '皮革、毛皮、羽毛及其制品和制鞋业'],
    ['20', 'Processing of timber and manufacture of wood, bamboo, rattan, palm and straw products', '木材加工和木、竹、藤、棕、草制品业'],
    ['21', 'Manufacture of furniture', '家具制造业'],
    ['22', 'Manufacture of paper and paper products', '造纸和纸制品业'],
    ['23', 'Printing and reproduction of recording media', '印刷和记录媒介复制业'],
    ['24', 'Manufacture of articles for culture, education, arts and crafts, sport and entertainment', '文教、工美、体育和娱乐用品制造业'],
    ['25', 'Processing of petroleum, coal and other fuels', '石油、煤炭及其他燃料加工业'],
    ['26', 'Manufacture of raw chemical materials and chemical products', '化学原料和化学制品制造业'],
    ['27', 'Manufacture of medicines', '医药制造业'],
    ['28', 'Manufacture of chemical fibres', '化学纤维制造业'],
    ['29', 'Manufacture of rubber and plastics products', '橡胶和塑料制品业'],
    ['30', 'Manufacture of non-metallic mineral products', '非金属矿物制品业'],
    ['31', 'Smelting and pressing of ferrous metals', '黑色金属冶炼和压延加工业'],
    ['32', 'Smelting and pressing of non-ferrous metals', '有色金属冶炼和压延加工业'],
    ['33', 'Manufacture of metal products', '金属制品业'],
    ['34', 'Manufacture of general-purpose machinery', '通用设备制造业'],
    ['35', 'Manufacture of special-purpose machinery', '专用设备制造业'],
    ['36', 'Manufacture of motor vehicles', '汽车制造业'],
    ['37', 'Manufacture of railway, ship, aerospace and other transport equipment', '铁路、船舶、航空航天和其他运输设备制造业'],
    ['38', 'Manufacture of electrical machinery and equipment', '电气机械和器材制造业'],
    ['39', 'Manufacture of computers, communication and other electronic equipment', '计算机、通信和其他电子设备制造业'],
    ['40', 'Manufacture of measuring instruments and meters', '仪器仪表制造业'],
    ['41', 'Other manufacturing', '其他制造业'],
    ['42', 'Comprehensive utilisation of waste resources', '废弃资源综合利用业'],
    ['43', 'Repair of metal products, machinery and equipment', '金属制品、机械和设备修理业'],
  ]),
  section('D', 'Production and supply of electricity, heat, gas and water', '电力、热力、燃气及水生产和供应业', [
    ['44', 'Production and supply of electricity and heat', '电力、热力生产和供应业'],
    ['45', 'Production and supply of gas', '燃气生产和供应业'],
    ['46', 'Production and supply of water', '水的生产和供应业'],
  ]),
  section('E', 'Construction', '建筑业', [
    ['47', 'Construction of buildings', '房屋建筑业'],
    ['48', 'Civil engineering', '土木工程建筑业'],
    ['49', 'Building installation', '建筑安装业'],
    ['50', 'Building decoration, renovation and other construction', '建筑装饰、装修和其他建筑业'],
  ]),
  section('F', 'Wholesale and retail trade', '批发和零售业', [
    ['51', 'Wholesale trade', '批发业'],
    ['52', 'Retail trade', '零售业'],
  ]),
  section('G', 'Transport, storage and postal services', '交通运输、仓储和邮政业', [
    ['53', 'Rail transport', '铁路运输业'],
    ['54', 'Road transport', '道路运输业'],
    ['55', 'Water transport', '水上运输业'],
    ['56', 'Air transport', '航空运输业'],
    ['57', 'Pipeline transport', '管道运输业'],
    ['58', 'Multimodal transport and transport agency', '多式联运和运输代理业'],
    ['59', 'Cargo handling and warehousing', '装卸搬运和仓储业'],
    ['60', 'Postal services', '邮政业'],
  ]),
  section('H', 'Accommodation and catering', '住宿和餐饮业', [
    ['61', 'Accommodation', '住宿业'],
    ['62', 'Catering', '餐饮业'],
  ]),
  section('I', 'Information transmission, software and information technology services', '信息传输、软件和信息技术服务业', [
    ['63', 'Telecommunications, radio and television, and satellite transmission services', '电信、广播电视和卫星传输服务'],
    ['64', 'Internet and related services', '互联网和相关服务'],
    ['65', 'Software and information technology services', '软件和信息技术服务业'],
  ]),
  section('J', 'Finance', '金融业', [
    ['66', 'Monetary and financial services', '货币金融服务'],
    ['67', 'Capital market services', '资本市场服务'],
    ['68', 'Insurance', '保险业'],
    ['69', 'Other financial services', '其他金融业'],
  ]),
  section('K', 'Real estate', '房地产业', [['70', 'Real estate', '房地产业']]),
  section('L', 'Leasing and business services', '租赁和商务服务业', [
    ['71', 'Leasing', '租赁业'],
    ['72', 'Business services', '商务服务业'],
  ]),
  section('M', 'Scientific research and technical services', '科学研究和技术服务业', [
    ['73', 'Research and experimental development', '研究和试验发展'],
    ['74', 'Professional technical services', '专业技术服务业'],
    ['75', 'Technology promotion and application services', '科技推广和应用服务业'],
  ]),
  section('N', 'Water conservancy, environment and public facilities management', '水利、环境和公共设施管理业', [
    ['76', 'Water conservancy management', '水利管理业'],
    ['77', 'Ecological protection and environmental management', '生态保护和环境治理业'],
    ['78', 'Public facilities management', '公共设施管理业'],
    ['79', 'Land management', '土地管理业'],
  ]),
  section('O', 'Resident services, repair and other services', '居民服务、修理和其他服务业', [
    ['80', 'Resident services', '居民服务业'],
    ['81', 'Repair of motor vehicles, electronic products and household goods', '机动车、电子产品和日用产品修理业'],
    ['82', 'Other services', '其他服务业'],
  ]),
  section('P', 'Education', '教育', [['83', 'Education', '教育']]),
  section('Q', 'Health and social work', '卫生和社会工作', [
    ['84', 'Health', '卫生'],
    ['85', 'Social work', '社会工作'],
  ]),
  section('R', 'Culture, sports and entertainment', '文化、体育和娱乐业', [
    ['86', 'News and publishing', '新闻和出版业'],
    ['87', 'Radio, television, film and sound recording production', '广播、电视、电影和录音制作业'],
    ['88', 'Culture and arts', '文化艺术业'],
    ['89', 'Sports', '体育'],
    ['90', 'Entertainment', '娱乐业'],
  ]),
  section('S', 'Public administration, social security and social organisations', '公共管理、社会保障和社会组织', [
    ['91', 'Organs of the Communist Party of China', '中国共产党机关'],
    ['92', 'State organs', '国家机构'],
    ['93', 'CPPCC and democratic parties', '人民政协、民主党派'],
    ['94', 'Social security', '社会保障'],
    ['95', 'Mass organisations, social groups and other membership organisations', '群众团体、社会团体和其他成员组织'],
    ['96', 'Grassroots self-governing organisations and other organisations', '基层群众自治组织及其他组织'],
  ]),
  section('T', 'International organisations', '国际组织', [['97', 'International organisations', '国际组织']]),
]);

/** Section letter of every section and every division: 'C' for 'C' and for '36'. */
const SECTION_OF: ReadonlyMap<string, string> = new Map(
  SECTORS.flatMap((s) => [[s.code, s.code] as const, ...s.divisions.map((d) => [d.code, s.code] as const)]),
);

/** A section letter (A–T) or a two-digit division code (01–97), exactly as the standard writes it. */
export function isSectorCode(code: string): boolean {
  return SECTION_OF.has(code);
}

export function sectionOfSector(code: string): string | undefined {
  return SECTION_OF.get(code);
}
