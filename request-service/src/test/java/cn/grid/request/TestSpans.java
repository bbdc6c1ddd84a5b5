package cn.grid.request;

import cn.grid.testsupport.RecordedSpans;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's spans in the tests: quarkus-opentelemetry adds every SpanProcessor bean to its SDK. */
@Singleton
public class TestSpans {

    public static final RecordedSpans RECORDED = new RecordedSpans();

    @Produces
    @Singleton
    SpanProcessor recordedSpans() {
        return RECORDED.processor();
    }
}
