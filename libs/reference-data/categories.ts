import { deepFreeze } from './freeze.js';
import type { Category, Named } from './types.js';

type Row = readonly [code: string, nameEn: string, nameZh: string];

function category(code: string, nameEn: string, nameZh: string, services: readonly Row[]): Category {
  return { code, nameEn, nameZh, services: services.map(([code, nameEn, nameZh]): Named => ({ code, nameEn, nameZh })) };
}

/**
 * The service taxonomy of docs/product.md ("The service taxonomy"). Service codes are unique across all
 * categories because providers and requests list them flat; where a bare word would be ambiguous
 * in such a list the code names its field (ip_valuation vs business_valuation, cargo_insurance).
 */
export const CATEGORIES: readonly Category[] = deepFreeze([
  category('legal', 'Legal services', '法律服务', [
    ['odi_filing', 'ODI filing', '境外投资（ODI）备案'],
    ['entity_setup', 'Overseas entity set-up', '境外主体设立'],
    ['contracts', 'Contract drafting and review', '涉外合同起草与审查'],
    ['compliance_programme', 'Compliance programme', '合规体系建设'],
    ['export_control_sanctions', 'Export control and sanctions', '出口管制与制裁合规'],
    ['antitrust', 'Antitrust and merger control', '反垄断与经营者集中申报'],
    ['data_protection', 'Data protection and privacy', '数据保护与隐私合规'],
    ['employment', 'Employment law', '劳动用工法律'],
    ['litigation', 'Litigation', '诉讼'],
    ['arbitration_mediation', 'Arbitration and mediation', '仲裁与调解'],
    ['mergers_acquisitions', 'Mergers and acquisitions', '跨境并购'],
  ]),
  category('accounting_tax', 'Accounting and tax', '会计与税务', [
    ['audit', 'Audit', '审计'],
    ['tax_structuring', 'Tax structuring', '税务架构筹划'],
    ['transfer_pricing', 'Transfer pricing', '转让定价'],
    ['financial_due_diligence', 'Financial due diligence', '财务尽职调查'],
    ['bookkeeping', 'Bookkeeping', '代理记账'],
    ['business_valuation', 'Business and asset valuation', '资产评估'],
  ]),
  category('consulting', 'Consulting', '咨询服务', [
    ['market_entry', 'Market entry strategy', '市场进入策略'],
    ['feasibility_study', 'Feasibility study', '可行性研究'],
    ['governance', 'Corporate governance', '公司治理'],
    ['marketing_brand', 'Marketing and brand', '营销与品牌'],
    ['localisation', 'Localisation', '本地化运营'],
  ]),
  category('insurance', 'Insurance', '保险服务', [
    ['political_risk_insurance', 'Political risk insurance', '政治风险保险'],
    ['export_credit_insurance', 'Export credit insurance', '出口信用保险'],
    ['cargo_insurance', 'Cargo insurance', '货物运输保险'],
    ['liability_insurance', 'Liability insurance', '责任保险'],
    ['property_insurance', 'Property insurance', '财产保险'],
    ['employee_benefits', 'Employee benefits', '员工福利保险'],
  ]),
  category('ip', 'Intellectual property', '知识产权', [
    ['patents', 'Patents', '专利'],
    ['trademarks', 'Trademarks', '商标'],
    ['ip_enforcement', 'IP enforcement', '知识产权维权'],
    ['ip_valuation', 'IP valuation', '知识产权评估'],
  ]),
  category('certification', 'Testing and certification', '检验检测认证', [
    ['product_certification', 'Product certification', '产品认证'],
    ['testing', 'Testing and inspection', '检验检测'],
    ['halal', 'Halal certification', '清真认证'],
    ['carbon_footprint', 'Carbon footprint', '碳足迹核算与认证'],
  ]),
  category('hr', 'Human resources', '人力资源', [
    ['recruitment', 'Recruitment', '招聘'],
    ['employer_of_record_payroll', 'Employer of record and payroll', '名义雇主（EOR）与薪酬'],
    ['visas', 'Visas and work permits', '签证与工作许可'],
    ['training', 'Training', '培训'],
  ]),
  category('it_digital', 'IT and digital', '信息技术与数字化', [
    ['cloud', 'Cloud services', '云服务'],
    ['cybersecurity', 'Cybersecurity', '网络安全'],
    ['cross_border_data_compliance', 'Cross-border data compliance', '数据出境合规'],
    ['ecommerce', 'E-commerce', '跨境电商'],
  ]),
  category('finance', 'Finance', '金融服务', [
    ['cross_border_financing', 'Cross-border financing', '跨境融资'],
    ['fx_hedging', 'FX hedging', '汇率避险'],
    ['cash_pooling', 'Cash pooling', '跨境资金池'],
  ]),
  category('logistics_customs', 'Logistics and customs', '物流与通关', [
    ['customs_brokerage', 'Customs brokerage', '报关代理'],
    ['freight_forwarding', 'Freight forwarding', '国际货运代理'],
    ['overseas_warehouses', 'Overseas warehouses', '海外仓'],
  ]),
  category('security', 'Security', '安全保障', [
    ['security_risk_assessment', 'Security risk assessment', '安全风险评估'],
    ['personnel_security', 'Personnel security', '海外人员安全防护'],
  ]),
]);

const CATEGORY_BY_CODE: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.code, c]));
const CATEGORY_OF_SERVICE: ReadonlyMap<string, string> = new Map(CATEGORIES.flatMap((c) => c.services.map((s) => [s.code, c.code] as const)));

export function findCategory(code: string): Category | undefined {
  return CATEGORY_BY_CODE.get(code);
}

export function isCategoryCode(code: string): boolean {
  return CATEGORY_BY_CODE.has(code);
}

/** True for a service of any category. */
export function isServiceCode(code: string): boolean {
  return CATEGORY_OF_SERVICE.has(code);
}

export function categoryOfService(serviceCode: string): string | undefined {
  return CATEGORY_OF_SERVICE.get(serviceCode);
}
