export { emptyFigures, FIGURE_COLUMNS, toFigureRows, type Amounts, type FigureRow, type MonthFigures } from './figures.js';
export { addMonths, isMonth, monthBounds, monthOf, monthsBetween, monthsToClose } from './months.js';
