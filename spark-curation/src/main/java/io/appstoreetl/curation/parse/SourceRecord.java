package io.appstoreetl.curation.parse;

import java.io.Serializable;
import java.util.Map;

/**
 * One data line read from a report file.
 *
 * <p>{@code values} is indexed like the table's columns; only the columns read from the file are
 * set and the others are null. {@code extraColumns} contains the fields of headers the table does
 * not define, by header name as written in the file, in file order. {@code line} is the raw text,
 * kept for rejects raised after reading.
 */
public record SourceRecord(
    long lineNumber, Object[] values, Map<String, String> extraColumns, String line)
    implements LineResult, Serializable {}
