-- Committed subsidies for reconciliation benchmarks and the crash test, consistent with every
-- ledger invariant (npm run ledger:verify): one programme ($1, created through the API), one
-- enterprise ($2), one provider ($3), one voucher ($4) whose face is the total committed.
-- $5 claims after the first $9; $6 the group key; $7 the subsidy per claim; $8 the price.
-- By i mod 20: 0 unpaid (held), 1 cancelled (rejected), 2-3 a 25% refund (adjusted), else paid
-- and accepted (approved). Claims are created a millisecond apart, in row order, as an award records
-- them: with the provider's eligibility facts the award checked (vetted for the category, any
-- district rule), and, once delivered (accepted), the provider's invoice, unique to the claim, so
-- reconciliation's per-claim checks (eligible at award, invoice claimed elsewhere) do their work.
with n as (
  select i, md5($1::text || i)::uuid as k from generate_series($9::int + 1, $9::int + $5::int) as i
), r as (
  insert into service_requests (id, enterprise_id, title, description, category, services, countries, sector, languages,
                                currency, budget_min, budget_max, bidding_closes_at, status, published_at)
  select k, $2::uuid, 'Bench ODI filing', 'Generated', 'legal', '{odi_filing}', '{SA}', '38', '{zh-CN}', 'CNY', 1, $8::bigint,
         now() + interval '1 day', 'awarded', now() from n
  returning id
), b as (
  insert into bids (id, request_id, provider_id, currency, price, timeline_days, proposal, milestones, status)
  select k, k, $3::uuid, 'CNY', $8::bigint, 10, 'Generated', '[]', 'awarded' from n join r on r.id = n.k
  returning id
), e as (
  insert into engagements (id, request_id, bid_id, provider_id, enterprise_id, currency, price, subsidy, subsidy_payee,
                           enterprise_share, status, accepted_at)
  select k, k, k, $3::uuid, $2::uuid, 'CNY', $8::bigint, $7::bigint, 'provider', $8::bigint - $7::bigint,
         case when i % 20 = 0 then 'awaiting_payment' when i % 20 = 1 then 'cancelled' else 'completed' end,
         case when i % 20 in (0, 1) then null else now() end
  from n join b on b.id = n.k
  order by n.i
  returning id
), p as (
  insert into payments (engagement_id, method, status, currency, amount, received, refunded, reference)
  select k, 'bank_transfer',
         case when i % 20 = 0 then 'pending' when i % 20 in (2, 3) then 'partially_refunded' else 'succeeded' end,
         'CNY', $8::bigint - $7::bigint,
         case when i % 20 = 0 then 0 else $8::bigint - $7::bigint end,
         case when i % 20 in (2, 3) then $8::bigint / 4 else 0 end,
         'BENCH-' || k
  from n join e on e.id = n.k
  order by n.i
  returning engagement_id
)
insert into subsidy_claims (claim_key, program_id, voucher_id, engagement_id, enterprise_id, group_key, provider_id, currency,
                            price, amount, redemption, payee_type, payee_id, eligibility, invoice_key, created_at)
select 'engagement:' || k, $1::uuid, $4::uuid, k, $2::uuid, $6, $3::uuid, 'CNY', $8::bigint, $7::bigint, 'provider', 'provider', $3::uuid,
       '{"category": "legal", "providerDistrict": "pudong", "providerCategories": ["legal"], "providerAllianceDistricts": ["pudong"], "providerVetted": true}'::jsonb,
       -- invoiceKeyOf(provider, number): the number names the programme, so no two programmes share one
       case when i % 20 in (0, 1) then null else $3::text || ':INV' || upper(left(replace($1::text, '-', ''), 12)) || i end,
       -- awards a millisecond apart, in the order of their rows, as real awards are
       now() - interval '1 day' + i * interval '1 millisecond'
from n join p on p.engagement_id = n.k
order by i;
