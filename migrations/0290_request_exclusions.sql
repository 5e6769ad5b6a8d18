-- Providers an enterprise excluded from one of its requests (issue 25): matching skips them and
-- inviting them is refused while the exclusion stands.
create table request_exclusions (
  request_id uuid not null references service_requests (id),
  provider_id uuid not null references providers (id),
  reason text not null,
  excluded_at timestamptz(3) not null default now(),
  primary key (request_id, provider_id)
);
