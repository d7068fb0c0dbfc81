/** Notifiers: one interface, one class per provider, each tested against a local server that checks the request. */
package io.hazardwatch.notify;
