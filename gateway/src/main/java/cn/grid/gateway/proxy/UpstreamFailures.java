package cn.grid.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong talking to an instance, said one way everywhere: the proxy's problems and logs, the upstream
 * metrics' outcome, ejection causes and the readiness probe's verdict.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** No answer in time: to connect, or after the request (Vert.x wraps the cause at times). */
    public static boolean isTimeout(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof TimeoutException || e instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A short reason for logs and health data: "connection refused", "no answer in time", ... */
    public static String describe(Throwable error) {
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (isTimeout(error)) {
            return "no answer in time";
        }
        if (error instanceof UnknownHostException) {
            return "unknown host " + error.getMessage();
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
