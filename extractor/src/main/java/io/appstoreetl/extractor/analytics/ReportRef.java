package io.appstoreetl.extractor.analytics;

/** An analytics report of a request, as Apple lists it, matched to a type the extractor lands. */
record ReportRef(String id, String name, AnalyticsReportType type) {}
