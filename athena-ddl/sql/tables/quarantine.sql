-- Rejected rows and files of the current curated data: a run that recomputes a table's dates replaces their rejects.
-- Generated from the table definition in table-schema; do not edit by hand.
CREATE TABLE IF NOT EXISTS `${database}`.`quarantine` (
  `table_name` string COMMENT 'The table the rows were meant for.',
  `metric_date` date COMMENT 'The rejected line''s metric date, or null when it cannot be read or a whole file was rejected.',
  `unit_key` string COMMENT 'Raw-zone key of the unit folder.',
  `source_file` string COMMENT 'Raw-zone key of the file, relative to the raw root.',
  `line_number` bigint COMMENT 'Line in the file, counting the header as 1 (for JSON pages: the position in data); 0 when the whole file was rejected.',
  `reason` string COMMENT 'Why the line or file was rejected.',
  `raw_line` string COMMENT 'The line as read (for JSON pages: the element''s JSON); null for a whole file.',
  `run_id` string COMMENT 'The curation run that wrote the row.',
  `loaded_at` timestamp COMMENT 'UTC time the curation run wrote the row (timestamp without time zone).'
)
PARTITIONED BY (`table_name`, day(`metric_date`))
LOCATION '${warehouse}/${database}.db/quarantine'
TBLPROPERTIES (
  'table_type'='ICEBERG',
  'format'='parquet',
  'write_compression'='zstd'
)
