export {
  DESK_OUTCOME_KEYS,
  emptyFigures,
  FIGURE_COLUMNS,
  storedFigures,
  toFigureRows,
  type Amounts,
  type DeskOutcomeKey,
  type FigureRow,
  type MonthFigures,
} from './figures.js';
export { addMonths, isMonth, monthBounds, monthOf, monthsBetween, monthsToClose } from './months.js';
