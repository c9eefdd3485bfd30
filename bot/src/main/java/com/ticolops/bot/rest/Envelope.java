package com.ticolops.bot.rest;

import java.util.List;
import java.util.Map;

/**
 * Every answer of the public API: {@code data} on success, {@code errors} on failure, and {@code meta} for what is
 * about the answer rather than in it (pagination). Both lists are always present, so clients need no null checks.
 */
public record Envelope<T>(T data, Map<String, Object> meta, List<ApiError> errors) {

    public static <T> Envelope<T> of(T data) {
        return new Envelope<>(data, Map.of(), List.of());
    }

    /** One page of a longer list: {@code meta} says which page, how many per page and how many there are in all. */
    public static <T> Envelope<List<T>> page(List<T> items, Pagination pagination, long total) {
        return new Envelope<>(List.copyOf(items), Map.of("page", pagination.page(), "per_page", pagination.perPage(), "total", total), List.of());
    }

    static Envelope<Void> failure(ApiError error) {
        return new Envelope<>(null, Map.of(), List.of(error));
    }
}
