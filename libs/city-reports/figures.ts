/** Amounts by ISO 4217 currency, in minor units: a district may run programmes in more than one. */
export type Amounts = Record<string, number>;

/** One district's work in one month (docs/api.md, "City reports"). */
export interface MonthFigures {
  enterprisesServed: number;
  requests: number;
  awards: number;
  medianDaysPublishToAward: number | null;
  vouchers: { issued: number; issuedAmount: Amounts; committed: Amounts; paid: Amounts };
  subsidyByCategory: Record<string, Amounts>;
  subsidyByCountry: Record<string, Amounts>;
  allianceMembers: { active: number; vetted: number; pending: number; suspended: number; lapsed: number };
  ratings: { count: number; mean: number | null };
  applications: { received: number; approved: number; rejected: number; pending: number; medianHoursToAnswer: number | null; flaggedOverSla: number };
  /** The request desk (issue 29): questions asked in the month, as they stand now (a frozen month, as they stood at its close). */
  desk: {
    received: number;
    answered: number;
    closed: number;
    outcomes: Record<DeskOutcomeKey, number>;
    pastDue: number;
    medianHoursToAnswer: number | null;
  };
}

export const DESK_OUTCOME_KEYS = ['answered', 'referred', 'odi_filed', 'odi_approved'] as const;
export type DeskOutcomeKey = (typeof DESK_OUTCOME_KEYS)[number];

export const emptyDeskFigures = (): MonthFigures['desk'] => ({
  received: 0,
  answered: 0,
  closed: 0,
  outcomes: { answered: 0, referred: 0, odi_filed: 0, odi_approved: 0 },
  pastDue: 0,
  medianHoursToAnswer: null,
});

export function emptyFigures(): MonthFigures {
  return {
    enterprisesServed: 0,
    requests: 0,
    awards: 0,
    medianDaysPublishToAward: null,
    vouchers: { issued: 0, issuedAmount: {}, committed: {}, paid: {} },
    subsidyByCategory: {},
    subsidyByCountry: {},
    allianceMembers: { active: 0, vetted: 0, pending: 0, suspended: 0, lapsed: 0 },
    ratings: { count: 0, mean: null },
    applications: { received: 0, approved: 0, rejected: 0, pending: 0, medianHoursToAnswer: null, flaggedOverSla: 0 },
    desk: emptyDeskFigures(),
  };
}

/**
 * A frozen month's figures as stored: a month frozen before a figure existed (the desk's, before
 * issue 29 reached the reports) reads that figure as nothing counted, zeros and null.
 */
export function storedFigures(stored: Record<string, unknown>): MonthFigures {
  const figures = { ...emptyFigures(), ...stored } as MonthFigures;
  return { ...figures, desk: { ...emptyDeskFigures(), ...figures.desk, outcomes: { ...emptyDeskFigures().outcomes, ...figures.desk.outcomes } } };
}

/** A row of the long table the CSV and the XLSX carry: one figure, with its key and currency where it has them. */
export interface FigureRow {
  district: string;
  month: string;
  closed: boolean;
  figure: string;
  key: string;
  currency: string;
  value: number | null;
}

const ROW =
  (district: string, month: string, closed: boolean) =>
  (figure: string, value: number | null, key = '', currency = ''): FigureRow => ({
    district,
    month,
    closed,
    figure,
    key,
    currency,
    value,
  });

/** The figures of a district's month as long rows, in a fixed order (keys sorted), so exports compare row by row. */
export function toFigureRows(district: string, month: string, closed: boolean, f: MonthFigures): FigureRow[] {
  const row = ROW(district, month, closed);
  const amounts = (figure: string, a: Amounts, key = '') =>
    Object.keys(a)
      .sort()
      .map((currency) => row(figure, a[currency]!, key, currency));
  const byKey = (figure: string, m: Record<string, Amounts>) =>
    Object.keys(m)
      .sort()
      .flatMap((key) => amounts(figure, m[key]!, key));
  return [
    row('enterprisesServed', f.enterprisesServed),
    row('requests', f.requests),
    row('awards', f.awards),
    row('medianDaysPublishToAward', f.medianDaysPublishToAward),
    row('vouchersIssued', f.vouchers.issued),
    ...amounts('vouchersIssuedAmount', f.vouchers.issuedAmount),
    ...amounts('subsidyCommitted', f.vouchers.committed),
    ...amounts('subsidyPaid', f.vouchers.paid),
    ...byKey('subsidyByCategory', f.subsidyByCategory),
    ...byKey('subsidyByCountry', f.subsidyByCountry),
    ...Object.entries(f.allianceMembers).map(([status, n]) => row('allianceMembers', n, status)),
    row('ratings', f.ratings.count),
    row('ratingMean', f.ratings.mean),
    ...Object.entries(f.applications).map(([what, n]) => row('applications', n, what)),
    ...(['received', 'answered', 'closed', 'pastDue', 'medianHoursToAnswer'] as const).map((what) => row('deskQuestions', f.desk[what], what)),
    ...DESK_OUTCOME_KEYS.map((outcome) => row('deskOutcomes', f.desk.outcomes[outcome], outcome)),
  ];
}

export const FIGURE_COLUMNS = ['district', 'month', 'closed', 'figure', 'key', 'currency', 'value'] as const;
