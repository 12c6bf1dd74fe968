// The single-machine reference of the benchmark: the product's daily stats aggregation (the
// inference_stats grain: hour x model x version x level x predicted class x slice, with counts,
// error counts, exact confidence and latency sums, approximate quantiles, serving facts) written as
// one DuckDB SQL statement over the Parquet data files of the inferences Delta table.
//
//   node daily_stats.mjs --files FILES.json --start 2026-02-01T00:00:00Z --end 2026-02-02T00:00:00Z \
//        [--threads 2] [--segment-keys user_segment,region,platform] [--max-values-per-key 20]
//
// FILES.json is a JSON array of the table's active Parquet files (the benchmark lists them from the
// Delta log). Prints one JSON object: seconds (the query alone), rows, num_inferences, peak RSS.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    files: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    threads: { type: 'string', default: '2' },
    'segment-keys': { type: 'string', default: 'user_segment,region,platform' },
    'max-values-per-key': { type: 'string', default: '20' },
    'other-value': { type: 'string', default: '__other__' },
    'deployment-keys': { type: 'string', default: 'deployment_type,deployment' },
    'server-version-keys': { type: 'string', default: 'inference_server_version,server_version' },
  },
});
for (const required of ['files', 'start', 'end']) {
  if (!opts[required]) {
    console.error(`daily_stats.mjs: --${required} is required`);
    process.exit(2);
  }
}

const files = JSON.parse(readFileSync(opts.files, 'utf8'));
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const list = (xs) => `[${xs.map(quote).join(', ')}]`;
const firstTag = (keys) => {
  const values = keys.split(',').filter(Boolean).map((k) => `tags[${quote(k)}]`);
  return values.length === 0 ? 'NULL::VARCHAR' : values.length === 1 ? values[0] : `coalesce(${values.join(', ')})`;
};
const segmentKeys = opts['segment-keys'].split(',').filter(Boolean);
const slices = segmentKeys.length === 0 ? '[]::STRUCT(k VARCHAR, v VARCHAR)[]'
  : `list_filter([${segmentKeys.map((k) => `{'k': ${quote(k)}, 'v': tags[${quote(k)}]}`).join(', ')}], s -> s.v IS NOT NULL)`;
// an instant as a plain UTC timestamp literal; the session runs in UTC
const utc = (instant) => new Date(instant).toISOString().replace('T', ' ').replace('Z', '');
const finite = (x) => `CASE WHEN isfinite(${x}) THEN ${x} END`;
const PRED = 'STRUCT(cls VARCHAR, conf DOUBLE)[]';
const QUANTILES = '[0.5, 0.9, 0.95, 0.99]';

const sql = `
CREATE TABLE daily_stats AS
WITH src AS (
  SELECT * FROM read_parquet(${list(files)}, hive_partitioning = true)
  WHERE environment = 'production'
    AND event_time >= TIMESTAMP ${quote(utc(opts.start))} AND event_time < TIMESTAMP ${quote(utc(opts.end))}
),
base AS (
  SELECT date_trunc('hour', event_time) AS window_start, model_id, model_version,
    ${firstTag(opts['deployment-keys'])} AS deployment,
    ${firstTag(opts['server-version-keys'])} AS server_version,
    ${finite('latency_ms')} AS lat,
    is_error,
    CASE
      WHEN is_error THEN []::${PRED}
      WHEN prediction_kind = 'detection'
        THEN coalesce(list_transform(prediction_detections, d -> {'cls': d.class_name, 'conf': ${finite('d.confidence')}}), []::${PRED})
      WHEN prediction_kind = 'classification' AND prediction_label IS NOT NULL
        THEN [{'cls': prediction_label, 'conf': ${finite('prediction_score')}}]
      ELSE []::${PRED}
    END AS preds,
    list_concat([{'k': NULL::VARCHAR, 'v': NULL::VARCHAR}], ${slices}) AS slices
  FROM src
),
sliced AS (
  SELECT * EXCLUDE (slices, s, preds),
    CASE WHEN len(preds) > 0 THEN preds ELSE [{'cls': '', 'conf': NULL::DOUBLE}] END AS preds,
    s.k AS slice_key, s.v AS slice_value
  FROM (SELECT *, unnest(slices) AS s FROM base)
),
kept AS (
  SELECT model_id, slice_key, slice_value FROM (
    SELECT model_id, slice_key, slice_value,
      row_number() OVER (PARTITION BY model_id, slice_key ORDER BY count(*) DESC, slice_value) AS rank
    FROM sliced WHERE slice_key IS NOT NULL GROUP BY model_id, slice_key, slice_value)
  WHERE rank <= ${Number(opts['max-values-per-key'])}
),
capped AS (
  SELECT s.* REPLACE (CASE WHEN s.slice_key IS NULL THEN NULL
                           WHEN k.model_id IS NOT NULL THEN s.slice_value
                           ELSE ${quote(opts['other-value'])} END AS slice_value)
  FROM sliced s LEFT JOIN kept k
    ON s.model_id = k.model_id AND s.slice_key = k.slice_key AND s.slice_value = k.slice_value
),
items AS (
  SELECT * EXCLUDE (preds, item), item.level AS level, item.cls AS predicted_class, item.first AS first, item.conf AS conf
  FROM (SELECT *, unnest(list_concat(
      list_transform(preds, (p, i) -> {'level': 'class', 'cls': p.cls,
                                      'first': list_position(list_transform(preds, q -> q.cls), p.cls) = i, 'conf': p.conf}),
      list_transform(preds, (p, i) -> {'level': 'model', 'cls': NULL::VARCHAR, 'first': i = 1, 'conf': p.conf}))) AS item
    FROM capped)
)
SELECT window_start, window_start + INTERVAL 1 HOUR AS window_end, model_id, model_version, level, predicted_class,
  slice_key, slice_value,
  count(*) FILTER (WHERE first) AS num_inferences,
  count(*) FILTER (WHERE first AND is_error) AS num_errors,
  count(*) AS class_count,
  coalesce(sum(conf::DECIMAL(38, 18)), 0) AS confidence_sum,
  count(conf) AS confidence_count,
  approx_quantile(conf, ${QUANTILES}) AS confidence_quantiles,
  coalesce(sum(lat::DECIMAL(38, 12)) FILTER (WHERE first), 0) AS latency_sum_ms,
  count(lat) FILTER (WHERE first) AS latency_count,
  approx_quantile(lat, ${QUANTILES}) FILTER (WHERE first) AS latency_quantiles,
  list_sort(list_distinct(list(deployment))) AS deployment_types,
  list_sort(list_distinct(list(server_version))) AS server_versions
FROM items
GROUP BY window_start, model_id, model_version, level, predicted_class, slice_key, slice_value`;

// VmHWM of this process; getrusage's maxRSS would carry the parent JVM's peak over the exec on Linux
function peakRss() {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/[^0-9]/g, '')) * 1024 : null;
}

const instance = await DuckDBInstance.create(':memory:', { threads: opts.threads });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const started = process.hrtime.bigint();
await connection.run(sql);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const summary = (await connection.runAndReadAll(`
  SELECT count(*) AS rows,
         coalesce(sum(num_inferences) FILTER (WHERE level = 'model' AND slice_key IS NULL), 0) AS num_inferences
  FROM daily_stats`)).getRowObjectsJson()[0];
const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0].v;
console.log(JSON.stringify({
  engine: `duckdb ${version}`,
  threads: Number(opts.threads),
  files: files.length,
  seconds,
  rows: Number(summary.rows),
  num_inferences: Number(summary.num_inferences),
  max_rss_bytes: peakRss(),
}));
