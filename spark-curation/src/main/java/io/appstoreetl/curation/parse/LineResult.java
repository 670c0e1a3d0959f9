package io.appstoreetl.curation.parse;

/** The outcome of reading one data line: a {@link SourceRecord} or a {@link RejectedLine}. */
public sealed interface LineResult permits SourceRecord, RejectedLine {}
