package com.ticolops.modulesample.billing;

/** The sample module that orders reaches without declaring it. */
public record Invoice(long amount) {
}
