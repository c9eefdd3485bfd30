package com.ticolops.bot.rest;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** Which page of a list a client asked for: {@code page} from 1, {@code per_page} from 1 to {@value #MAX_PER_PAGE}. */
public record Pagination(int page, int perPage) {

    public static final String DEFAULT_PER_PAGE = "30";
    static final int MAX_PER_PAGE = 100;

    /** @throws ApiException 400 {@code invalid_pagination} for a page below 1 or a page size out of range */
    public static Pagination of(int page, int perPage) {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_pagination",
                    "page starts at 1 and per_page is 1 to " + MAX_PER_PAGE, Map.of("page", page, "per_page", perPage));
        }
        return new Pagination(page, perPage);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
