-- One row per extractor run (from its summary under runs/extractor/ in the raw zone) and one per curation run.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`runs` (
  `run_id` string COMMENT 'The run''s id: <UTC yyyyMMdd''T''HHmmssSSS''Z''>-<8 hex digits>.',
  `run_kind` string COMMENT 'extractor or curation.',
  `run_date` date COMMENT 'Extractor: the date the run was asked for. Curation: the UTC date it started.',
  `started_at` timestamp COMMENT 'UTC start time.',
  `finished_at` timestamp COMMENT 'UTC end time.',
  `status` string COMMENT 'ok, or errors when the run reported errors (errors_total > 0).',
  `apps` array<string> COMMENT 'Extractor: the Apple ids of the apps it extracted, in its summary''s order. Curation: the apps of the units it loaded, sorted.',
  `units_landed` bigint COMMENT 'Extractor: units landed.',
  `errors_total` bigint COMMENT 'Errors the run reported.',
  `errors` array<string> COMMENT 'Extractor: the error messages of its apps and reports, prefixed with the app or report.',
  `touched_metric_dates` array<date> COMMENT 'Extractor: metric dates of the units it landed. Curation: the dates it recomputed.',
  `tables` array<string> COMMENT 'Curation: the tables it wrote.',
  `rows_read` bigint COMMENT 'Curation: data rows read.',
  `rows_written` bigint COMMENT 'Curation: rows written.',
  `rows_rejected` bigint COMMENT 'Curation: rows rejected.',
  `source_file` string COMMENT 'Extractor: raw-zone key of its run summary; null for curation runs.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).',
  `extra_columns` map<string,string> COMMENT 'Other fields of the run summary, by field name, as JSON text.'
)
PARTITIONED BY (`run_kind`, day(`run_date`))
LOCATION '${warehouse}/${database}.db/runs'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
