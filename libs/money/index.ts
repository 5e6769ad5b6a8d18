export { addMoney, minMoney, subtractMoney } from './arithmetic.js';
export { currencyMinorUnits, isCurrencyCode, listCurrencies, type CurrencyInfo } from './currency.js';
export { toMajorUnits } from './major-units.js';
export { assertMinorUnits } from './minor-units.js';
export { money, moneyIn, type Money } from './money.js';
export { applyRateDown } from './rate.js';
export { convertBackDown, convertDown, isRateStale, isRateText, minorUnitFactor, type FxRate } from './fx.js';
