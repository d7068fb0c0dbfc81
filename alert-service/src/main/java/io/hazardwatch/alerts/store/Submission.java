package io.hazardwatch.alerts.store;

import io.vertx.core.Promise;

/**
 * One submit call to {@link GroupCommit}: its future completes once each of its pieces is committed, or fails if
 * one was given up.
 */
final class Submission {
    final Promise<Void> promise = Promise.promise();
    int open;
    String failure;

    void resolved(String failed) {
        if (failed != null && failure == null) {
            failure = failed;
        }
        if (--open == 0) {
            if (failure == null) {
                promise.tryComplete();
            } else {
                promise.tryFail(new NotStoredException(failure));
            }
        }
    }
}
