package io.appstoreetl.extractor.analytics;

/** An analytics report instance as Apple lists it; values are unchecked until they reach a key. */
record InstanceRef(String id, String granularity, String processingDate) {}
