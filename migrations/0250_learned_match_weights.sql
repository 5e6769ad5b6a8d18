-- Weights learned from each alliance's own awards (issue 30): the tuning job's proposals, and
-- whether the alliance applies a proposal by itself when it holds up on the hold-out.
create table match_weight_proposals (
  id uuid primary key default gen_random_uuid(),
  alliance_id uuid not null references alliances (id),
  -- proposed → applied → rolled_back; proposed → superseded by a newer one; insufficient: too few awards, no weights
  status text not null check (status in ('proposed', 'applied', 'rolled_back', 'superseded', 'insufficient')),
  weights jsonb,
  -- The alliance's overrides when this proposal was applied: what a rollback restores (null: the platform's).
  previous_weights jsonb,
  awards integer not null,
  trained_on integer not null,
  held_out integer not null,
  metrics jsonb,
  holds_up boolean not null default false,
  reason text,
  half_life_days double precision not null,
  latest_award_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  applied_at timestamptz(3),
  applied_by text,
  rolled_back_at timestamptz(3),
  constraint match_weight_proposals_weights check (status = 'insufficient' or weights is not null)
);
create index match_weight_proposals_alliance_idx on match_weight_proposals (alliance_id, created_at desc);

create table match_weight_learning (
  alliance_id uuid primary key references alliances (id),
  auto_apply boolean not null default false,
  updated_at timestamptz(3) not null default now()
);
