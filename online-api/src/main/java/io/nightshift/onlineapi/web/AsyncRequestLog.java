package io.nightshift.onlineapi.web;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands {@link RequestLog}'s one line per request to a background thread instead of writing it to
 * stdout on the request's own thread: the flushed, locked write was two thirds of the line's cost,
 * and every request waited for it. Only this logger goes through the queue; every other line
 * (startup, failures, warnings) is still written where it is logged, so nothing is lost when the
 * process stops early.
 *
 * <p>No line is dropped: the queue is bounded and a full queue makes the request wait
 * ({@code neverBlock=false}, and no discarding of INFO lines near the top, which the appender does
 * by default). The lines keep their request id (the appender copies the MDC when it queues) and go
 * to the same appenders as before (the console, structured or not, as Spring Boot configured it).
 * Stopping the application drains the queue.
 */
@Component
class AsyncRequestLog implements DisposableBean {

    /** Room for a few seconds of lines at the API's peak rate; beyond it the caller waits, nothing is lost. */
    private static final int QUEUE_SIZE = 8192;
    private static final int DRAIN_MILLIS = 5_000;

    private final Logger logger;
    private final AsyncAppender async;

    AsyncRequestLog() {
        this.logger = (Logger) LoggerFactory.getLogger(RequestLog.class);
        LoggerContext context = logger.getLoggerContext();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.async = new AsyncAppender();
        async.setContext(context);
        async.setName("REQUEST_LOG_ASYNC");
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setIncludeCallerData(false);
        async.setMaxFlushTime(DRAIN_MILLIS);
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(targets::add);
        if (targets.size() != 1 || !logger.isAdditive() || logger.iteratorForAppenders().hasNext()) {
            // Not Spring Boot's console-only setup (the queue feeds exactly one appender): leave the logger as it is.
            return;
        }
        async.addAppender(targets.getFirst());
        async.start();
        logger.addAppender(async);
        logger.setAdditive(false);
    }

    @Override
    public void destroy() {
        if (async.isStarted()) {
            logger.setAdditive(true);
            logger.detachAppender(async);
            async.stop();
        }
    }
}
