-- What tasks.get shows of a run's routing decision (docs/decisions/0016), computed once when the
-- decision is written instead of on every read of the task: the provider and model routing chose,
-- where the run ended up (the target of the last fallback hop taken), the hops taken (skipped ones
-- left out), how many fallback targets were ready, and how many model calls were made and failed.
-- NULL for a decision without a provider and model (not one routing wrote).
--
-- Never change this function alone (CREATE OR REPLACE): rows stored before would keep the old summary.
-- A migration drops the column, replaces the function and adds the column again, which recomputes
-- every row. (OR REPLACE here only lets this migration run again after a failed ALTER below.)
CREATE OR REPLACE FUNCTION switchyard_routing_summary(decision jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN d.provider IS NOT NULL AND d.model IS NOT NULL THEN jsonb_build_object(
           'provider', d.provider,
           'providerLabel', coalesce(d."providerLabel", d.provider),
           'model', d.model,
           'final', coalesce(h.hops -> -1, jsonb_build_object('provider', d.provider, 'model', d.model)),
           'hops', h.hops,
           'fallbacks', CASE WHEN jsonb_typeof(d.fallbacks) = 'array' THEN jsonb_array_length(d.fallbacks) ELSE 0 END,
           'calls', CASE WHEN jsonb_typeof(d.attempts) = 'array' THEN jsonb_array_length(d.attempts) ELSE 0 END,
           'failedCalls', (SELECT count(*) FROM jsonb_array_elements(
                             CASE WHEN jsonb_typeof(d.attempts) = 'array' THEN d.attempts ELSE '[]'::jsonb END) AS a
                            WHERE a ->> 'outcome' = 'error'))
         END
    FROM jsonb_to_record(CASE WHEN jsonb_typeof(decision) = 'object' THEN decision END)
           AS d(provider text, "providerLabel" text, model text, hops jsonb, fallbacks jsonb, attempts jsonb),
         LATERAL (
           SELECT coalesce(jsonb_agg(jsonb_build_object('provider', x.h -> 'to' ->> 'provider',
                                                        'model', x.h -> 'to' ->> 'model') ORDER BY x.n),
                           '[]'::jsonb) AS hops
             FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d.hops) = 'array' THEN d.hops ELSE '[]'::jsonb END)
                    WITH ORDINALITY AS x(h, n)
            WHERE jsonb_typeof(x.h -> 'to') = 'object' AND (x.h ->> 'skipped') IS DISTINCT FROM 'true'
         ) AS h
$$;

-- Kept by PostgreSQL itself whenever the decision is written, by any writer (the API's enqueue, the
-- worker's finish, the queue's SQL). The application never writes it. Adding it rewrites "PhaseRun"
-- under an exclusive lock, computing the summary of every stored decision.
ALTER TABLE "PhaseRun" ADD COLUMN "routingSummary" JSONB
  GENERATED ALWAYS AS (switchyard_routing_summary("routingDecision")) STORED;
